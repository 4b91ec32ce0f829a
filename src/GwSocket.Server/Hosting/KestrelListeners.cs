using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using GwSocket.Server.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace GwSocket.Server.Hosting;

/// <summary>Where and how Kestrel listens: gwsocket's --port/--addr/--unix-socket, HTTP/1.1 only, TLS when a certificate is given.</summary>
public static class KestrelListeners
{
    private const int MaxRequestHeadBytes = 8 * 1024;

    public static void Configure(KestrelServerOptions kestrel, GwSocketSettings settings, X509Certificate2? certificate)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestHeadersTotalSize = MaxRequestHeadBytes;
        if (settings.UnixSocket is not null)
            kestrel.ListenUnixSocket(settings.UnixSocket, listen => ConfigureEndpoint(listen, certificate));
        else if (settings.Address is null)
            kestrel.ListenAnyIP(settings.Port, listen => ConfigureEndpoint(listen, certificate));
        else
            kestrel.Listen(settings.Address, settings.Port, listen => ConfigureEndpoint(listen, certificate));
    }

    /// <summary>The listening endpoint as a user would name it in an error message.</summary>
    public static string Describe(GwSocketSettings settings) => settings switch
    {
        { UnixSocket: { } path } => $"unix:{path}",
        { Address: null } => $"0.0.0.0:{settings.Port}",
        { Address: { } address } => new IPEndPoint(address, settings.Port).ToString(),
    };

    private static void ConfigureEndpoint(ListenOptions listen, X509Certificate2? certificate)
    {
        listen.Protocols = HttpProtocols.Http1;
        if (certificate is not null)
        {
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            });
        }
    }
}
