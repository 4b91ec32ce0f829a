using System.Net;
using GwSocket.Actors.Connections;
using GwSocket.Actors.NetworkPipes;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using Microsoft.Extensions.Logging;

namespace GwSocket.Server.Configuration;

/// <summary>
/// Every effective setting of a gwsocket process: embedded defaults, then --config, then the environment, then the
/// command line. No defaults here: every value is read from HOCON, whose embedded file holds them all.
/// </summary>
internal sealed record GwSocketSettings
{
    public required int Port { get; init; }

    /// <summary>The address to bind; null means every interface, IPv4 and IPv6.</summary>
    public required IPAddress? Address { get; init; }

    /// <summary>When set, the server listens on this unix socket only, as gwsocket does.</summary>
    public required string? UnixSocket { get; init; }

    /// <summary>When set, a client must send exactly this Origin (case-insensitive).</summary>
    public required string? Origin { get; init; }

    public required long MaxFrameSize { get; init; }

    public required bool EchoMode { get; init; }

    /// <summary>permessage-deflate with the clients that offer it (--compression=on|off).</summary>
    public required bool Compression { get; init; }

    /// <summary>Messages with a shorter payload go uncompressed.</summary>
    public required int CompressionMinSize { get; init; }

    public required string? AccessLog { get; init; }

    public required string? SslCert { get; init; }

    public required string? SslKey { get; init; }

    /// <summary>Silence after which a client is pinged; zero turns keepalive off.</summary>
    public required TimeSpan KeepaliveInterval { get; init; }

    public required TimeSpan KeepaliveTimeout { get; init; }

    public required TimeSpan CloseTimeout { get; init; }

    public required string PipeIn { get; init; }

    public required string PipeOut { get; init; }

    public required bool Stdin { get; init; }

    public required bool Stdout { get; init; }

    public required bool Strict { get; init; }

    /// <summary>Pipe-out records kept while nobody reads, in bytes; beyond it new records are dropped and counted.</summary>
    public required long PipeOutMaxQueuedBytes { get; init; }

    /// <summary>Bytes of frames one client may have waiting; beyond it <see cref="SlowClientPolicy"/> applies.</summary>
    public required long ClientMaxQueuedBytes { get; init; }

    public required SlowClientPolicy SlowClientPolicy { get; init; }

    /// <summary>A client whose oldest queued message waited longer holds pipe-in back no longer: <see cref="SlowClientPolicy"/> applies to it.</summary>
    public required TimeSpan SlowClientsMaxDelay { get; init; }

    /// <summary>WebSocket clients served at once (--max-connections); beyond it an upgrade gets 503. 0: no cap but the file-descriptor limit.</summary>
    public required int MaxConnections { get; init; }

    /// <summary>Time a connection has to complete its upgrade request before it is closed (slowloris).</summary>
    public required TimeSpan HandshakeTimeout { get; init; }

    /// <summary>Largest request head (request line and headers) accepted; beyond it 431.</summary>
    public required int MaxHeaderSize { get; init; }

    /// <summary>Address other nodes use to reach this one; null picks 127.0.0.1 without seeds and the host name with them.</summary>
    public required string? ClusterHost { get; init; }

    /// <summary>Akka.Remote's port; 0 lets the system pick one.</summary>
    public required int ClusterPort { get; init; }

    /// <summary>Nodes to join; none makes this node a cluster of one.</summary>
    public required IReadOnlyList<SeedNode> Seeds { get; init; }

    public required string NodeName { get; init; }

    /// <summary>Pipe-out carries the client events of every node (--events=cluster), or only this node's (local).</summary>
    public required bool ClusterEvents { get; init; }

    /// <summary>The file holding the network pipe's bearer token (--pipe-token-file); null: no network pipe.</summary>
    public required string? PipeTokenFile { get; init; }

    /// <summary>Network pipe connections served at once (--max-pipe-connections); beyond it 503.</summary>
    public required int MaxPipeConnections { get; init; }

    /// <summary>Serve the demo client page at / (--demo).</summary>
    public required bool Demo { get; init; }

    /// <summary>How long SIGTERM/SIGINT may take, from the first close frame to the process's exit.</summary>
    public required TimeSpan ShutdownTimeout { get; init; }

    /// <summary>The lowest level logged, for gwsocket's own lines and Akka's alike.</summary>
    public required LogLevel LogLevel { get; init; }

    /// <summary>Log lines as text for people or as JSON for log shippers.</summary>
    public required LogFormat LogFormat { get; init; }

    public bool UsesTls => SslCert is not null;

    /// <summary>The host other nodes are told to use.</summary>
    public string EffectiveClusterHost => ClusterHost ?? (Seeds.Count == 0 ? "127.0.0.1" : System.Net.Dns.GetHostName());

    /// <summary>Pipe-in: stdin or the FIFO, payloads up to --max-frame-size (as large as an array can be).</summary>
    public PipeInSettings ToPipeInSettings()
    {
        var maxPayload = (int)Math.Min(MaxFrameSize, Array.MaxLength);
        return Stdin ? PipeInSettings.StandardInput(Strict, maxPayload) : PipeInSettings.Fifo(PipeIn, Strict, maxPayload);
    }

    public NetworkPipeSettings ToNetworkPipeSettings() =>
        new(Strict, ToPipeInSettings().MaxPayload, MaxFrameSize, PipeOutMaxQueuedBytes, CloseTimeout);

    public PipeOutSettings ToPipeOutSettings() =>
        (Stdout ? PipeOutSettings.StandardOutput(Strict) : PipeOutSettings.Fifo(PipeOut, Strict))
            with { MaxQueuedBytes = PipeOutMaxQueuedBytes };
}
