using System.Net;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Pipes;

namespace GwSocket.Server.Configuration;

/// <summary>Every effective setting of a gwsocket process: embedded defaults, then --config, then the command line.</summary>
public sealed record GwSocketSettings
{
    public required int Port { get; init; }

    /// <summary>The address to bind; null means every interface, IPv4 and IPv6.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>When set, the server listens on this unix socket only, as gwsocket does.</summary>
    public string? UnixSocket { get; init; }

    /// <summary>When set, a client must send exactly this Origin (case-insensitive).</summary>
    public string? Origin { get; init; }

    public required long MaxFrameSize { get; init; }

    public bool EchoMode { get; init; }

    public string? AccessLog { get; init; }

    public string? SslCert { get; init; }

    public string? SslKey { get; init; }

    /// <summary>Silence after which a client is pinged; zero turns keepalive off.</summary>
    public required TimeSpan KeepaliveInterval { get; init; }

    public required TimeSpan KeepaliveTimeout { get; init; }

    public required TimeSpan CloseTimeout { get; init; }

    public required string PipeIn { get; init; }

    public required string PipeOut { get; init; }

    public bool Stdin { get; init; }

    public bool Stdout { get; init; }

    public bool Strict { get; init; }

    /// <summary>Pipe-out records kept while nobody reads, in bytes; beyond it new records are dropped and counted.</summary>
    public required long PipeOutMaxQueuedBytes { get; init; }

    public bool UsesTls => SslCert is not null;

    public ConnectionSettings ToConnectionSettings() =>
        new(MaxFrameSize, KeepaliveInterval, KeepaliveTimeout, CloseTimeout, EchoMode);

    /// <summary>Pipe-in: stdin or the FIFO, payloads up to --max-frame-size (as large as an array can be).</summary>
    public PipeInSettings ToPipeInSettings()
    {
        var maxPayload = (int)Math.Min(MaxFrameSize, Array.MaxLength);
        return Stdin ? PipeInSettings.StandardInput(Strict, maxPayload) : PipeInSettings.Fifo(PipeIn, Strict, maxPayload);
    }

    public PipeOutSettings ToPipeOutSettings() =>
        (Stdout ? PipeOutSettings.StandardOutput(Strict) : PipeOutSettings.Fifo(PipeOut, Strict))
            with { MaxQueuedBytes = PipeOutMaxQueuedBytes };
}
