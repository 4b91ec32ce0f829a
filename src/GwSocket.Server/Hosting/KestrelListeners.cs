using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using GwSocket.Server.Configuration;
using GwSocket.Server.Limits;
using GwSocket.Server.Upgrade;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace GwSocket.Server.Hosting;

/// <summary>Where and how Kestrel listens: gwsocket's --port/--addr/--unix-socket, HTTP/1.1 only, TLS when a certificate is given.</summary>
internal static class KestrelListeners
{
    public static void Configure(
        KestrelServerOptions kestrel, GwSocketSettings settings, X509Certificate2? certificate, ConnectionGuards guards, WebSocketListener webSockets)
    {
        kestrel.AddServerHeader = false;
        guards.ApplyTo(kestrel.Limits);
        if (settings.UnixSocket is not null)
            kestrel.ListenUnixSocket(settings.UnixSocket, listen => ConfigureEndpoint(listen, certificate, guards, webSockets));
        else if (settings.Address is null)
            kestrel.ListenAnyIP(settings.Port, listen => ConfigureEndpoint(listen, certificate, guards, webSockets));
        else
            kestrel.Listen(settings.Address, settings.Port, listen => ConfigureEndpoint(listen, certificate, guards, webSockets));
    }

    /// <summary>The listening endpoint as a user would name it in an error message.</summary>
    public static string Describe(GwSocketSettings settings) => settings switch
    {
        { UnixSocket: { } path } => $"unix:{path}",
        { Address: null } => $"0.0.0.0:{settings.Port}",
        { Address: { } address } => new IPEndPoint(address, settings.Port).ToString(),
    };

    /// <summary>
    /// Connections are counted before TLS, TLS handshakes admitted a few at a time; the handshake is watched, and
    /// upgrades taken, on what TLS decrypted.
    /// </summary>
    private static void ConfigureEndpoint(ListenOptions listen, X509Certificate2? certificate, ConnectionGuards guards, WebSocketListener webSockets)
    {
        listen.Protocols = HttpProtocols.Http1;
        guards.Before(listen);
        if (certificate is not null)
        {
            guards.TlsAdmission.Around(listen, tls => tls.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                HandshakeTimeout = guards.HandshakeTimeout,
            }));
        }
        guards.After(listen);
        listen.Use(next => connection => webSockets.RunAsync(connection, next));
    }
}
