namespace GwSocket.Actors.NetworkPipes;

/// <summary>The counters of every network pipe connection of one node, interlocked; read once a second by the stats collector.</summary>
internal sealed class NetworkPipeTotals
{
    private long _producers;
    private long _watchers;
    private long _recordsIn;
    private long _bytesIn;
    private long _decodeErrors;
    private long _partialRecords;
    private long _recordsOut;
    private long _watcherDrops;
    private long _authFailures;
    private long _refused;

    /// <summary>A request for the pipe path with a missing or wrong token.</summary>
    public void AuthFailed() => Interlocked.Increment(ref _authFailures);

    /// <summary>A pipe connection refused because the node has as many as its cap allows.</summary>
    public void RefusedAtCap() => Interlocked.Increment(ref _refused);

    internal void Opened(bool watcher) => Interlocked.Increment(ref watcher ? ref _watchers : ref _producers);

    internal void Closed(bool watcher) => Interlocked.Decrement(ref watcher ? ref _watchers : ref _producers);

    internal void RecordIn() => Interlocked.Increment(ref _recordsIn);

    internal void BytesIn(int count) => Interlocked.Add(ref _bytesIn, count);

    internal void DecodeError() => Interlocked.Increment(ref _decodeErrors);

    internal void PartialRecordDiscarded() => Interlocked.Increment(ref _partialRecords);

    internal void RecordsOut(int count) => Interlocked.Add(ref _recordsOut, count);

    internal void WatcherDrop() => Interlocked.Increment(ref _watcherDrops);

    public NetworkPipeCounters Snapshot() => new(
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
