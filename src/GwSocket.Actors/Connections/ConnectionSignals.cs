namespace GwSocket.Actors.Connections;

/// <summary>Messages a connection sends itself (I/O completions and timers) or gets from its host (the keepalive tick).</summary>
internal static class ConnectionSignals
{
    /// <summary>The pending read completed: bytes, the end of the stream or an error are there to be taken.</summary>
    public sealed class BytesReady
    {
        public static readonly BytesReady Instance = new();
    }

    /// <summary>The pending flush completed: the transport took the bytes, or failed.</summary>
    public sealed class FlushCompleted
    {
        public static readonly FlushCompleted Instance = new();
    }

    public sealed class WriteQueued
    {
        public static readonly WriteQueued Instance = new();
    }

    /// <summary>Every keepalive interval, from the connection's host; a connection that pings puts itself in <see cref="Pongs"/>.</summary>
    public sealed class KeepaliveTick(PongWatch pongs)
    {
        public PongWatch Pongs { get; } = pongs;
    }

    public sealed class PongTimeout
    {
        public static readonly PongTimeout Instance = new();
    }

    public sealed class CloseTimeout
    {
        public static readonly CloseTimeout Instance = new();
    }
}
