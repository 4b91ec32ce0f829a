using System.Net;
using GwSocket.Actors.Connections;
using GwSocket.Actors.NetworkPipes;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using Microsoft.Extensions.Logging;

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

    /// <summary>permessage-deflate with the clients that offer it (--compression=on|off).</summary>
    public bool Compression { get; init; } = true;

    /// <summary>Messages with a shorter payload go uncompressed.</summary>
    public int CompressionMinSize { get; init; } = 128;

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

    /// <summary>Bytes of frames one client may have waiting; beyond it <see cref="SlowClientPolicy"/> applies.</summary>
    public long ClientMaxQueuedBytes { get; init; } = 2 * 1024 * 1024;

    public SlowClientPolicy SlowClientPolicy { get; init; } = SlowClientPolicy.Drop;

    /// <summary>A client whose oldest queued message waited longer holds pipe-in back no longer: <see cref="SlowClientPolicy"/> applies to it.</summary>
    public TimeSpan SlowClientsMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>WebSocket clients served at once (--max-connections); beyond it an upgrade gets 503. 0: no cap but the file-descriptor limit.</summary>
    public int MaxConnections { get; init; }

    /// <summary>Time a connection has to complete its upgrade request before it is closed (slowloris).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest request head (request line and headers) accepted; beyond it 431.</summary>
    public int MaxHeaderSize { get; init; } = 8 * 1024;

    /// <summary>Address other nodes use to reach this one; null picks 127.0.0.1 without seeds and the host name with them.</summary>
    public string? ClusterHost { get; init; }

    /// <summary>Akka.Remote's port; 0 lets the system pick one.</summary>
    public int ClusterPort { get; init; }

    /// <summary>Nodes to join; none makes this node a cluster of one.</summary>
    public IReadOnlyList<SeedNode> Seeds { get; init; } = [];

    public required string NodeName { get; init; }

    /// <summary>Pipe-out carries the client events of every node (--events=cluster), or only this node's (local).</summary>
    public bool ClusterEvents { get; init; } = true;

    /// <summary>The file holding the network pipe's bearer token (--pipe-token-file); null: no network pipe.</summary>
    public string? PipeTokenFile { get; init; }

    /// <summary>Network pipe connections served at once (--max-pipe-connections); beyond it 503.</summary>
    public int MaxPipeConnections { get; init; } = 64;

    /// <summary>Serve the demo client page at / (--demo).</summary>
    public bool Demo { get; init; }

    /// <summary>How long SIGTERM/SIGINT may take, from the first close frame to the process's exit.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The lowest level logged, for gwsocket's own lines and Akka's alike.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Log lines as text for people or as JSON for log shippers.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

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
