namespace GwSocket.Actors.Pipes;

/// <summary>What became of a record handed to the <see cref="PipeOutQueue"/>.</summary>
internal enum EnqueueOutcome
{
    Queued,

    /// <summary>Queued, and the queue was empty: the writer may be waiting for it.</summary>
    QueuedIntoEmpty,

    Dropped,

    /// <summary>Dropped, the first since the queue last drained: time for one warning.</summary>
    DroppingStarted,
}

/// <summary>
/// Whole records waiting for the pipe-out writer, bounded in bytes: beyond the bound new records are
/// dropped and counted, in episodes that end when the writer has caught up.
/// </summary>
internal sealed class PipeOutQueue(long maxBytes)
{
    private readonly Lock _lock = new();
    private readonly Queue<byte[]> _records = new();
    private long _bytes;
    private long _droppedInEpisode;
    private long _recordsDropped;
    private long _bytesDropped;

    /// <summary>
    /// Queues <paramref name="record"/> when it fits under the bound, or always when
    /// <paramref name="keepBeyondBound"/> (a close whose open was queued: no open may lack its close).
    /// </summary>
    public EnqueueOutcome Enqueue(byte[] record, bool keepBeyondBound = false)
    {
        lock (_lock)
        {
            if (!keepBeyondBound && _bytes + record.Length > maxBytes)
            {
                CountDroppedLocked(record.Length);
                return _droppedInEpisode++ == 0 ? EnqueueOutcome.DroppingStarted : EnqueueOutcome.Dropped;
            }
            _records.Enqueue(record);
            _bytes += record.Length;
            return _records.Count == 1 ? EnqueueOutcome.QueuedIntoEmpty : EnqueueOutcome.Queued;
        }
    }

    /// <summary>Counts a record that is not even offered, e.g. a message from a client whose open was dropped.</summary>
    public void CountDropped(byte[] record)
    {
        lock (_lock)
            CountDroppedLocked(record.Length);
    }

    public byte[]? Peek()
    {
        lock (_lock)
            return _records.TryPeek(out var record) ? record : null;
    }

    /// <summary>Removes the record at the head; returns how many were dropped in the episode this ends, if the queue is now empty.</summary>
    public long RemoveHead()
    {
        lock (_lock)
        {
            _bytes -= _records.Dequeue().Length;
            if (_records.Count > 0)
                return 0;
            var dropped = _droppedInEpisode;
            _droppedInEpisode = 0;
            return dropped;
        }
    }

    public long MaxBytes => maxBytes;

    public long QueuedBytes
    {
        get
        {
            lock (_lock)
                return _bytes;
        }
    }

    public bool IsEmpty
    {
        get
        {
            lock (_lock)
                return _records.Count == 0;
        }
    }

    public (long QueuedBytes, long RecordsDropped, long BytesDropped) Counts
    {
        get
        {
            lock (_lock)
                return (_bytes, _recordsDropped, _bytesDropped);
        }
    }

    private void CountDroppedLocked(int bytes)
    {
        _recordsDropped++;
        _bytesDropped += bytes;
    }
}
