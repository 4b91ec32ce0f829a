using Akka.Configuration;

namespace GwSocket.Actors.Connections;

/// <summary>What every connection of a node is held to: <c>gwsocket.connections</c> in reference.conf.</summary>
/// <param name="MaxMessageSize">Largest frame or reassembled message accepted from a client; above it, close 1009.</param>
/// <param name="KeepaliveInterval">Silence after which the server pings the client; zero: never.</param>
/// <param name="KeepaliveTimeout">How long a ping may stay unanswered before the connection is dropped.</param>
/// <param name="CloseTimeout">How long the server waits for the client's close frame after sending its own.</param>
/// <param name="EchoMode">Send every client message back to its sender instead of publishing it.</param>
/// <param name="MaxQueuedBytes">Bytes of frames a client may have waiting for the socket; beyond it <paramref name="SlowClientPolicy"/> applies.</param>
/// <param name="SlowClientPolicy">What a full outbound queue does to the next message.</param>
/// <param name="CompressionMinSize">Messages with a shorter payload go uncompressed to clients that negotiated permessage-deflate.</param>
public sealed record ConnectionSettings(
    long MaxMessageSize,
    TimeSpan KeepaliveInterval,
    TimeSpan KeepaliveTimeout,
    TimeSpan CloseTimeout,
    bool EchoMode,
    long MaxQueuedBytes,
    SlowClientPolicy SlowClientPolicy,
    int CompressionMinSize)
{
    /// <summary>The defaults of reference.conf.</summary>
    public static ConnectionSettings Default { get; } = Create(GwSocketBroker.DefaultConfig().GetConfig("gwsocket"));

    /// <summary>The settings under <c>connections</c> of a <c>gwsocket</c> block.</summary>
    public static ConnectionSettings Create(Config gwsocket)
    {
        var connections = gwsocket.GetConfig("connections")
            ?? throw new ConfigurationException("gwsocket.connections is missing: GwSocket.Actors' reference.conf is not in the fallback chain");
        return new(
            connections.GetByteSize("max-message-size") ?? throw Missing("max-message-size"),
            connections.GetTimeSpan("keepalive.interval"),
            connections.GetTimeSpan("keepalive.timeout"),
            connections.GetTimeSpan("close-timeout"),
            connections.GetBoolean("echo-mode"),
            connections.GetByteSize("slow-clients.max-queued-bytes") ?? throw Missing("slow-clients.max-queued-bytes"),
            ParsePolicy(connections.GetString("slow-clients.policy")),
            connections.GetInt("compression-min-size"));
    }

    private static SlowClientPolicy ParsePolicy(string value) => value switch
    {
        "drop" => SlowClientPolicy.Drop,
        "close" => SlowClientPolicy.Close,
        _ => throw new ConfigurationException($"gwsocket.connections.slow-clients.policy must be drop or close, not '{value}'"),
    };

    private static ConfigurationException Missing(string key) => new($"gwsocket.connections.{key} is missing");
}
