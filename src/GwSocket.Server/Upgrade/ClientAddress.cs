using System.Net;
using Microsoft.AspNetCore.Http;

namespace GwSocket.Server.Upgrade;

internal static class ClientAddress
{
    /// <summary>
    /// The peer's IP as text: IPv4 clients of a dual-mode socket as plain IPv4; on a unix socket there is none,
    /// and gwsocket reports an empty address there too.
    /// </summary>
    public static string Of(ConnectionInfo connection) => Of(connection.RemoteIpAddress);

    public static string Of(IPAddress? address) => address switch
    {
        null => "",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        _ => address.ToString(),
    };
}
