namespace GwSocket.Actors.Pipes;

/// <summary>Pipe-in counters, bumped by the stream's decoding stage and read by the actor on another thread.</summary>
internal sealed class PipeIngestStatistics
{
    private long _records;
    private long _bytes;
    private long _decodeErrors;
    private long _replacements;
    private long _partialRecordsDiscarded;

    public void AddBytes(int count) => Interlocked.Add(ref _bytes, count);

    public void AddRecord() => Interlocked.Increment(ref _records);

    public void AddDecodeError() => Interlocked.Increment(ref _decodeErrors);

    public void AddReplacements(long count) => Interlocked.Add(ref _replacements, count);

    public void AddPartialRecordDiscarded() => Interlocked.Increment(ref _partialRecordsDiscarded);

    public PipeIngestCounters Snapshot(int streamRestarts, string source) => new(
        Interlocked.Read(ref _records),
        Interlocked.Read(ref _bytes),
        Interlocked.Read(ref _decodeErrors),
        Interlocked.Read(ref _replacements),
        Interlocked.Read(ref _partialRecordsDiscarded),
        streamRestarts,
        source);
}
