using System.Collections.Concurrent;

namespace GwSocket.Actors.Connections;

/// <summary>The node's <see cref="SocketSender"/>s: as many as sends in flight at once, up to a bound kept for later.</summary>
internal static class SocketSenderPool
{
    private const int MaxKept = 1024;
    private static readonly ConcurrentQueue<SocketSender> Kept = new();
    private static int _keptCount;

    public static SocketSender Rent()
    {
        if (!Kept.TryDequeue(out var sender))
            return new SocketSender();
        Interlocked.Decrement(ref _keptCount);
        return sender;
    }

    /// <summary>Takes back a sender whose send has completed and whose result has been taken.</summary>
    public static void Return(SocketSender sender)
    {
        sender.Clear();
        if (Interlocked.Increment(ref _keptCount) <= MaxKept)
        {
            Kept.Enqueue(sender);
            return;
        }
        Interlocked.Decrement(ref _keptCount);
        sender.Dispose();
    }
}
