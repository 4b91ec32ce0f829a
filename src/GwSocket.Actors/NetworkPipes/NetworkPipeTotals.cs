namespace GwSocket.Actors.NetworkPipes;

/// <summary>The counters of every network pipe connection of this process, interlocked; read once a second by the stats collector.</summary>
public static class NetworkPipeTotals
{
    private static long _producers;
    private static long _watchers;
    private static long _recordsIn;
    private static long _bytesIn;
    private static long _decodeErrors;
    private static long _partialRecords;
    private static long _recordsOut;
    private static long _watcherDrops;
    private static long _authFailures;
    private static long _refused;

    /// <summary>A request for the pipe path with a missing or wrong token.</summary>
    public static void AuthFailed() => Interlocked.Increment(ref _authFailures);

    /// <summary>A pipe connection refused because the node has as many as its cap allows.</summary>
    public static void RefusedAtCap() => Interlocked.Increment(ref _refused);

    internal static void Opened(bool watcher) => Interlocked.Increment(ref watcher ? ref _watchers : ref _producers);

    internal static void Closed(bool watcher) => Interlocked.Decrement(ref watcher ? ref _watchers : ref _producers);

    internal static void RecordIn() => Interlocked.Increment(ref _recordsIn);

    internal static void BytesIn(int count) => Interlocked.Add(ref _bytesIn, count);

    internal static void DecodeError() => Interlocked.Increment(ref _decodeErrors);

    internal static void PartialRecordDiscarded() => Interlocked.Increment(ref _partialRecords);

    internal static void RecordsOut(int count) => Interlocked.Add(ref _recordsOut, count);

    internal static void WatcherDrop() => Interlocked.Increment(ref _watcherDrops);

    public static NetworkPipeCounters Snapshot() => new(
        Interlocked.Read(ref _producers),
        Interlocked.Read(ref _watchers),
        Interlocked.Read(ref _recordsIn),
        Interlocked.Read(ref _bytesIn),
        Interlocked.Read(ref _decodeErrors),
        Interlocked.Read(ref _partialRecords),
        Interlocked.Read(ref _recordsOut),
        Interlocked.Read(ref _watcherDrops),
        Interlocked.Read(ref _authFailures),
        Interlocked.Read(ref _refused));
}
