using System.Net;
using System.Net.Sockets;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.Hosting;

/// <summary>
/// Kestrel binds only after the actor system has started (and logged); binding a probe socket
/// first turns a taken port into the one line it deserves, before anything else is said.
/// </summary>
internal static class ListenCheck
{
    /// <summary>Why the TCP endpoint cannot be bound, or null when it can (or a unix socket is used).</summary>
    public static string? Problem(GwSocketSettings settings)
    {
        if (settings.UnixSocket is not null)
            return null;
        var address = settings.Address ?? (Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (settings.Address is null && address.AddressFamily == AddressFamily.InterNetworkV6)
            socket.DualMode = true;
        try
        {
            socket.Bind(new IPEndPoint(address, settings.Port));
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return "address already in use";
        }
        catch (SocketException e)
        {
            return e.Message;
        }
    }
}
