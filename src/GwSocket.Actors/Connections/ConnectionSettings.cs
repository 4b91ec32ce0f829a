namespace GwSocket.Actors.Connections;

/// <summary>What every connection of a node is held to.</summary>
/// <param name="MaxMessageSize">Largest frame or reassembled message accepted from a client; above it, close 1009.</param>
/// <param name="KeepaliveInterval">Silence after which the server pings the client.</param>
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
    long MaxQueuedBytes = ConnectionSettings.DefaultMaxQueuedBytes,
    SlowClientPolicy SlowClientPolicy = SlowClientPolicy.Drop,
    int CompressionMinSize = ConnectionSettings.DefaultCompressionMinSize)
{
    /// <summary>Below it deflate saves a few bytes at most (see README, Compression).</summary>
    public const int DefaultCompressionMinSize = 128;

    /// <summary>gwsocket stops queueing for a client at 2 MiB too, but silently.</summary>
    public const long DefaultMaxQueuedBytes = 2 * 1024 * 1024;
}
