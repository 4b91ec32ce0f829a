using GwSocket.Server.AccessLog;
using GwSocket.Server.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace GwSocket.Server.Limits;

/// <summary>The limits every listener applies to hostile or careless clients, before any WebSocket exists.</summary>
internal sealed class ConnectionGuards(GwSocketSettings settings, IAccessLog accessLog, ILoggerFactory loggers)
{
    // Kestrel's own timeouts are a backstop only: the handshake watch fires first and logs the 408.
    private static readonly TimeSpan KestrelBackstop = TimeSpan.FromSeconds(1);

    public ConnectionGate Gate { get; } = new(capacity: null, loggers.CreateLogger<ConnectionGate>());

    public HandshakeWatch Watch { get; } = new(settings.HandshakeTimeout, accessLog);

    public ClientSlots Slots { get; } = new(settings.MaxConnections);

    public TlsHandshakeAdmission TlsAdmission { get; } = new(TlsHandshakeAdmission.DefaultCapacity);

    public TimeSpan HandshakeTimeout => settings.HandshakeTimeout;

    public void ApplyTo(KestrelServerLimits limits)
    {
        limits.MaxRequestHeadersTotalSize = settings.MaxHeaderSize;
        limits.MaxRequestLineSize = settings.MaxHeaderSize;
        limits.RequestHeadersTimeout = settings.HandshakeTimeout + KestrelBackstop;
        limits.KeepAliveTimeout = settings.HandshakeTimeout + KestrelBackstop;
    }

    /// <summary>Connections are counted before TLS; the handshake is watched on what TLS has decrypted.</summary>
    public void Before(ListenOptions listen) => listen.Use(next => connection => Gate.RunAsync(connection, next));

    public void After(ListenOptions listen) => listen.Use(next => connection => Watch.RunAsync(connection, next));
}
