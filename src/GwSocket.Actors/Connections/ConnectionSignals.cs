namespace GwSocket.Actors.Connections;

/// <summary>Messages a connection sends itself (I/O completions and timers) or gets from its host (the keepalive tick).</summary>
internal static class ConnectionSignals
{
    public sealed record ReadCompleted(int Count);

    /// <summary>The zero-byte read completed: bytes (or the end of the stream) are there to be read.</summary>
    public sealed class BytesReady
    {
        public static readonly BytesReady Instance = new();
    }

    public sealed record ReadFailed(Exception Cause);

    public sealed class WriteCompleted
    {
        public static readonly WriteCompleted Instance = new();
    }

    public sealed record WriteFailed(Exception Cause);

    public sealed class WriteQueued
    {
        public static readonly WriteQueued Instance = new();
    }

    public sealed class KeepaliveTick
    {
        public static readonly KeepaliveTick Instance = new();
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
