using System.Buffers;
using System.IO.Pipelines;
using Akka.Actor;
using Akka.Event;
using GwSocket.Actors.Telemetry;
using GwSocket.Protocol;
using GwSocket.Protocol.Flow;
using static GwSocket.Actors.Connections.ConnectionSignals;

namespace GwSocket.Actors.Connections;

internal sealed partial class ConnectionActor
{
    private readonly OutboundQueue _outbound = new();
    private Action? _onFlushed;
    private bool _flushing;
    // The pooled buffer of the batch being written, if it has one: it goes back once the write has completed.
    private byte[]? _rentedInFlight;
    private long _droppedFrames;
    private bool _dropping;
    private bool _writeScheduled;
    private ICancelable? _closeTimeout;

    /// <summary>
    /// A frame of the connection's own (an echo, a keepalive ping): never dropped, the reading it answers waits instead.
    /// Only data frames are messages out; a ping is not.
    /// </summary>
    private void Enqueue(byte[] frame)
    {
        if (_closeSent)
            return;
        _outbound.Enqueue(frame);
        if (!((Opcode)(frame[0] & 0x0F)).IsControl())
            _tally.FrameOut(frame);
        ScheduleWrite();
        ReportQueuedBytes();
    }

    /// <summary>The router's frames leave together: one write scheduled and one report for all of them.</summary>
    private void Enqueue(SendFrames frames)
    {
        var queued = false;
        foreach (var frame in frames.Frames)
        {
            var credit = ClientCredit.CreditOf(frame.Length);
            _routerCreditReceived += credit;
            queued |= TryQueue(frame, credit);
        }
        if (!queued)
            return;
        ScheduleWrite();
        ReportQueuedBytes();
    }

    /// <summary>
    /// The router sends only what fits (or one message into an empty queue); the bound still applies, as the memory
    /// cap, to frames beyond it, and a slow client's frames are dropped until its queue has drained.
    /// </summary>
    private bool TryQueue(byte[] plainFrame, int credit)
    {
        if (_closeSent)
            return false;
        if (_dropping)
        {
            CountDropped();
            return false;
        }
        var frame = ForThisClient(plainFrame);
        if (_outbound.QueuedBytes > 0 && _outbound.QueuedBytes + frame.Length > _settings.MaxQueuedBytes)
        {
            ApplySlowClientPolicy($"has {_outbound.QueuedBytes} bytes waiting");
            if (_dropping)
                CountDropped();
            return false;
        }
        _outbound.Enqueue(frame, credit);
        _tally.FrameOut(frame);
        if (!ReferenceEquals(frame, plainFrame))
            _tally.CompressedOut(plainFrame.Length, frame.Length);
        return true;
    }

    /// <summary>
    /// The write waits for a signal queued behind the messages already in the mailbox, so that every frame
    /// delivered meanwhile leaves in the same write, even when the transport completes writes at once.
    /// </summary>
    private void ScheduleWrite()
    {
        if (_writeScheduled)
            return;
        _writeScheduled = true;
        Self.Tell(WriteQueued.Instance);
    }

    private void OnWriteQueued()
    {
        _writeScheduled = false;
        WriteNext();
    }

    /// <summary>A client that does not read cannot grow the server's memory nor hold the others back: drop for it until it has read everything, or close it.</summary>
    private void ApplySlowClientPolicy(string why)
    {
        if (_settings.SlowClientPolicy == SlowClientPolicy.Close)
        {
            Log.Warning("client {0} ({1}) {2}; closing it with 1008", _clientId, _client.RemoteIp, why);
            _counters.SlowClientClosed();
            StartClosing(CloseCodes.PolicyViolation, "too slow");
            return;
        }
        _dropping = true;
        _counters.SlowClientsChanged(1);
        Log.Warning("client {0} ({1}) {2}; dropping its messages until it has read what waits", _clientId, _client.RemoteIp, why);
    }

    private void CountDropped()
    {
        _droppedFrames++;
        _counters.SlowClientDropped();
    }

    private void EnqueuePong(byte[] pong)
    {
        _outbound.EnqueuePong(pong);
        WriteNext();
    }

    /// <summary>
    /// Queues the close frame; nothing is sent after it. Whoever closed first, the connection ends
    /// within the close timeout, even when a client that stopped reading keeps the close frame from being written.
    /// </summary>
    private void SendClose(byte[] closeFrame)
    {
        _outbound.Enqueue(closeFrame);
        _closeSent = true;
        // A scheduled tell, not the actor's own timers: those cost every connection a scheduler and its dictionary for its whole life.
        _closeTimeout = Context.System.Scheduler.ScheduleTellOnceCancelable(_settings.CloseTimeout, Self, CloseTimeout.Instance, ActorRefs.NoSender);
        WriteNext();
    }

    /// <summary>A frame of the connection's own (a keepalive ping) is written at once when nothing waits.</summary>
    private void WriteAtOnce(byte[] frame)
    {
        if (_flushing || !_outbound.IsEmpty || _finished)
        {
            _outbound.Enqueue(frame);
            WriteNext();
            return;
        }
        _output.Start(frame);
        AfterStart();
    }

    /// <summary>
    /// Writes what is queued. A write the transport completes at once (the kernel took the bytes, or the transport's
    /// pipe buffered them below its limit) is finished here; only a pending one comes back as a message, and until
    /// then the queue grows: that is the back-pressure from a client that does not read.
    /// </summary>
    private void WriteNext()
    {
        while (!_flushing && !_outbound.IsEmpty && !_finished)
        {
            var batch = _outbound.TakeBatch();
            ReportQueuedBytes();
            OnQueueTaken();
            _rentedInFlight = batch.Rented;
            _output.Start(batch.Bytes);
            if (!AfterStart())
                return;
            if (_outbound.IsEmpty)
                FinishIfCloseWritten();
        }
    }

    /// <summary>
    /// True when the write just started completed at once and the connection goes on; false when it is pending (its
    /// completion comes back as a message) or failed (the connection is then finished).
    /// </summary>
    private bool AfterStart()
    {
        _flushing = true;
        if (!_output.IsCompleted)
        {
            _output.OnCompleted(_onFlushed ??= () => _self.Tell(FlushCompleted.Instance));
            return false;
        }
        return TakeFlushResult();
    }

    /// <summary>False when the write failed or the transport was closed under it: the connection is then finished.</summary>
    private bool TakeFlushResult()
    {
        _flushing = false;
        try
        {
            if (_output.TakeResult())
                return true;
            Log.Debug("client {0}: the transport was closed under a write", _clientId);
        }
        catch (Exception e)
        {
            Log.Debug("client {0}: write failed: {1}", _clientId, e.Message);
        }
        finally
        {
            OutboundQueue.Release(_rentedInFlight);
            _rentedInFlight = null;
        }
        Finish();
        return false;
    }

    private void OnFlushCompleted()
    {
        if (!TakeFlushResult())
            return;
        if (!_outbound.IsEmpty)
        {
            WriteNext();
            return;
        }
        FinishIfCloseWritten();
    }

    /// <summary>The close frame is on its way: a failed or answered connection ends here.</summary>
    private void FinishIfCloseWritten()
    {
        if (_closeSent && (_failed || _reader.CloseReceived))
            Finish();
    }
}
