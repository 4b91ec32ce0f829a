using Akka.Event;

namespace GwSocket.Actors.Pipes;

/// <summary>
/// Writes queued pipe-out records on a thread of its own, so a slow or absent reader never blocks the
/// actor or the delivery to clients. Records are written whole: when the reader leaves in the middle
/// of one, the rest of it is dropped, and the next reader starts at the next record.
/// </summary>
internal sealed class PipeOutWriter
{
    private readonly PipeOutQueue _queue;
    private readonly PipeOutTarget _target;
    private readonly TimeSpan _readerRetryInterval;
    private readonly ILoggingAdapter _log;
    private readonly ClientMessageGate _gate;
    /// <summary>How much longer than the retry interval the look for a reader may wait while nothing waits for one.</summary>
    private const int IdleRetryGrowth = 8;

    private readonly WakeSignal _wake = new();
    private readonly Thread _thread;
    private TimeSpan _idleRetry;
    private long _deadlineTicks = long.MaxValue;
    private long _recordsWritten;
    private long _recordsCut;
    private volatile bool _stopping;
    private volatile bool _readerConnected;
    private volatile string? _failure;
    private string? _lastOpenError;

    public PipeOutWriter(PipeOutQueue queue, PipeOutTarget target, TimeSpan readerRetryInterval, ClientMessageGate gate, ILoggingAdapter log)
    {
        _gate = gate;
        _queue = queue;
        _target = target;
        _readerRetryInterval = readerRetryInterval;
        _idleRetry = readerRetryInterval;
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = "pipe-out writer" };
    }

    public void Start() => _thread.Start();

    /// <summary>
    /// While a reader is attached nothing is dropped: past half the bound the clients' sockets are no longer read
    /// (<see cref="ClientMessageGate"/>), so what still comes is what was already read. Without a reader, the bound drops.
    /// </summary>
    public EnqueueOutcome Enqueue(byte[] record, bool keepBeyondBound = false)
    {
        var readerAttached = _readerConnected;
        var outcome = _queue.Enqueue(record, keepBeyondBound || readerAttached);
        if (outcome == EnqueueOutcome.QueuedIntoEmpty)
            _wake.Set();
        if (readerAttached && _queue.QueuedBytes >= _queue.MaxBytes / 2)
        {
            _gate.Close();
            // The writer may have drained the queue before the gate closed, and then it would not open it.
            OpenGateIfDrained();
        }
        return outcome;
    }

    public void CountDropped(byte[] record) => _queue.CountDropped(record);

    public PipeOutCounters Counters
    {
        get
        {
            var (queuedBytes, recordsDropped, bytesDropped) = _queue.Counts;
            return new PipeOutCounters(Interlocked.Read(ref _recordsWritten), recordsDropped, bytesDropped,
                Interlocked.Read(ref _recordsCut), queuedBytes, _readerConnected, _failure);
        }
    }

    /// <summary>Writes what is queued for at most <paramref name="flushTimeout"/>, then stops the thread.</summary>
    public void Stop(TimeSpan flushTimeout)
    {
        Interlocked.Exchange(ref _deadlineTicks, (DateTime.UtcNow + flushTimeout).Ticks);
        _stopping = true;
        _wake.Set();
        // A write blocked on standard output cannot be interrupted: the thread is left to the process.
        if (_thread.Join(flushTimeout + TimeSpan.FromSeconds(1)))
            _wake.Dispose();
    }

    private DateTime? Deadline => _stopping ? new DateTime(Interlocked.Read(ref _deadlineTicks), DateTimeKind.Utc) : null;

    private bool PastDeadline => Deadline is { } deadline && DateTime.UtcNow >= deadline;

    private void Run()
    {
        try
        {
            while (!(_stopping && (_queue.IsEmpty || PastDeadline)))
            {
                if (!_target.IsOpen && !TryOpen())
                {
                    WaitBeforeLookingForReader();
                    continue;
                }
                if (_queue.Peek() is { } record)
                    WriteRecord(record);
                else
                    WaitForRecordOrReaderLeaving();
            }
        }
        catch (Exception cause)
        {
            // A fault of ours, not of the reader's: nothing more is written, so it shows in the counters (readiness turns
            // 503 with it) and in the log with its stack, which the log line keeps on one line.
            try
            {
                _log.Error("pipe-out: the writer stopped; nothing more reaches {0}: {1}", _target.Name, cause);
            }
            finally
            {
                _failure = $"{cause.GetType().Name}: {cause.Message}";
            }
        }
        finally
        {
            _target.Close();
            _readerConnected = false;
            _gate.Open();
        }
    }

    private bool TryOpen()
    {
        try
        {
            if (!_target.TryOpen())
                return false;
            _lastOpenError = null;
            _idleRetry = _readerRetryInterval;
            _readerConnected = true;
            _log.Info("pipe-out: a reader opened {0}", _target.Name);
            return true;
        }
        catch (Exception cause) when (cause is IOException or PipeSetupException)
        {
            if (cause.Message != _lastOpenError)
                _log.Error("pipe-out: {0}; retrying", cause.Message);
            _lastOpenError = cause.Message;
            return false;
        }
    }

    /// <summary>
    /// While records wait, a reader is looked for every retry interval; while nothing waits, each wait is twice the one
    /// before, up to <see cref="IdleRetryGrowth"/> intervals (a record queued meanwhile wakes the writer at once).
    /// </summary>
    private void WaitBeforeLookingForReader()
    {
        var retry = (int)(_queue.IsEmpty ? _idleRetry : _readerRetryInterval).TotalMilliseconds;
        if (_queue.IsEmpty)
            _idleRetry = TimeSpan.FromTicks(Math.Min(_idleRetry.Ticks * 2, _readerRetryInterval.Ticks * IdleRetryGrowth));
        var untilDeadline = PipePoll.TimeoutUntil(Deadline);
        PipePoll.Wait(-1, 0, _wake, untilDeadline == PipePoll.Forever ? retry : Math.Min(retry, untilDeadline));
    }

    private void WaitForRecordOrReaderLeaving()
    {
        var outcome = PipePoll.Wait(_target.Fd, 0, _wake, PipePoll.TimeoutUntil(Deadline));
        if (outcome.Has(LibC.PollErr | LibC.PollHup | LibC.PollNval))
            ReaderLeft();
    }

    private void WriteRecord(byte[] record)
    {
        var written = 0;
        while (written < record.Length)
        {
            var count = LibC.write(_target.Fd, ref record[written], record.Length - written);
            if (count > 0)
            {
                written += (int)count;
                continue;
            }
            var errno = LibC.LastError;
            if (errno == LibC.EIntr)
                continue;
            if (errno != LibC.EAgain)
            {
                ReaderLeftDuring(record, written, errno);
                return;
            }
            if (PastDeadline)
                return;
            PipePoll.Wait(_target.Fd, LibC.PollOut, _wake, PipePoll.TimeoutUntil(Deadline));
        }
        Interlocked.Increment(ref _recordsWritten);
        var dropped = _queue.RemoveHead();
        OpenGateIfDrained();
        if (dropped > 0)
            _log.Info("pipe-out: caught up with {0}; {1} records were dropped meanwhile", _target.Name, dropped);
    }

    private void OpenGateIfDrained()
    {
        if (_gate.IsClosed && _queue.QueuedBytes <= _queue.MaxBytes / 4)
            _gate.Open();
    }

    /// <summary>A record not started is kept whole for the next reader; the rest of one started is dropped.</summary>
    private void ReaderLeftDuring(byte[] record, int written, int errno)
    {
        if (errno != LibC.EPipe)
            _log.Warning("pipe-out: writing to {0} failed: {1}", _target.Name, LibC.ErrorMessage(errno));
        if (written > 0)
        {
            Interlocked.Increment(ref _recordsCut);
            _queue.RemoveHead();
            _log.Warning("pipe-out: the reader of {0} left in the middle of a record; the other {1} of its {2} bytes were dropped",
                _target.Name, record.Length - written, record.Length);
        }
        ReaderLeft();
    }

    private void ReaderLeft()
    {
        _target.ReaderLeft();
        _readerConnected = false;
        _gate.Open();
        _log.Info("pipe-out: the reader of {0} left", _target.Name);
    }
}
