namespace GwSocket.Actors.Pipes;

/// <summary>
/// Pipe-in counters, bumped by the stream's decoding stage and read by the actor on another thread. One per pipe-in,
/// made with its props: a restarted <see cref="PipeIngest"/> keeps counting where the failed one stopped.
/// </summary>
internal sealed class PipeIngestStatistics
{
    private long _records;
    private long _bytes;
    private long _decodeErrors;
    private long _replacements;
    private long _partialRecordsDiscarded;
    private int _streamRestarts;

    public void AddBytes(int count) => Interlocked.Add(ref _bytes, count);

    public void AddRecord() => Interlocked.Increment(ref _records);

    public void AddDecodeError() => Interlocked.Increment(ref _decodeErrors);

    public void AddReplacements(long count) => Interlocked.Add(ref _replacements, count);

    public void AddPartialRecordDiscarded() => Interlocked.Increment(ref _partialRecordsDiscarded);

    public void AddStreamRestart() => Interlocked.Increment(ref _streamRestarts);

    public PipeIngestCounters Snapshot(string source) => new(
        Interlocked.Read(ref _records),
        Interlocked.Read(ref _bytes),
        Interlocked.Read(ref _decodeErrors),
        Interlocked.Read(ref _replacements),
        Interlocked.Read(ref _partialRecordsDiscarded),
        Volatile.Read(ref _streamRestarts),
        source);
}
