using Akka.Actor;
using Akka.Event;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Telemetry;
using GwSocket.Protocol.Flow;

namespace GwSocket.Actors.Connections;

/// <summary>
/// Flow control at the connection: it tells the router how far it has written the router's frames (every sixteenth
/// of its queue bound, and when its queue is empty after the router asked), so that the router sends only what
/// fits; and it stops reading its socket while its echoes wait or pipe-out's reader is behind, which slows the client.
/// </summary>
internal sealed partial class ConnectionActor
{
    private long _routerCreditReceived;
    private long _writtenAtLastReport;
    private bool _reportWhenDrained;
    private bool _readPaused;

    /// <summary>Credit of the router's frames taken out of the queue (or dropped) so far.</summary>
    private long Written => _routerCreditReceived - _outbound.QueuedCredit;

    /// <summary>Half of what the router lets wait before it sends more (<see cref="ClientCredit.RefillBelowFractionOfBound"/>).</summary>
    private long ReportEvery => Math.Max(1, _settings.MaxQueuedBytes / (2 * ClientCredit.RefillBelowFractionOfBound));

    private void ReportProgress()
    {
        _writtenAtLastReport = Written;
        _reportWhenDrained = false;
        _router.Tell(new DeliveryProgress(_clientId, _routerCreditReceived, _outbound.QueuedCredit, Environment.TickCount64));
    }

    /// <summary>The router holds a batch for this client, or wonders how old its queue is: answer now, and again once drained.</summary>
    private void OnReportWhenDrained()
    {
        ReportProgress();
        _reportWhenDrained = _outbound.QueuedBytes > 0;
    }

    /// <summary>After each batch taken for the socket: a report every sixteenth of the bound, and at once when the queue is empty.</summary>
    private void OnQueueTaken()
    {
        if (_outbound.QueuedBytes > 0)
        {
            if (Written - _writtenAtLastReport >= ReportEvery)
                ReportProgress();
            return;
        }
        if (_dropping)
        {
            _dropping = false;
            _counters.SlowClientsChanged(-1);
            Log.Info("client {0} ({1}) has caught up; {2} messages were dropped for it so far", _clientId, _client.RemoteIp, _droppedFrames);
            ReportProgress();
        }
        else if (_reportWhenDrained || Written - _writtenAtLastReport >= ReportEvery)
        {
            ReportProgress();
        }
        if (_readPaused && _settings.EchoMode)
            ResumeReadingWhenAllowed();
    }

    /// <summary>The router found this client's oldest message older than the delay limit; an empty queue means it caught up meanwhile.</summary>
    private void OnTooSlow()
    {
        if (_outbound.QueuedBytes == 0)
        {
            ReportProgress();
            return;
        }
        if (!_dropping && !_closeSent)
            ApplySlowClientPolicy($"has had messages waiting longer than the delay limit ({_outbound.QueuedBytes} bytes)");
    }

    /// <summary>
    /// Reads the socket again unless what the client sent still waits: its echoes (echo mode: the client is slowed, not
    /// dropped) or, with a pipe-out reader that is behind, its messages; the gate wakes it (<see cref="ResumeReading"/>).
    /// </summary>
    private void ReadNextWhenAllowed()
    {
        if (_settings.EchoMode ? _outbound.QueuedBytes >= _settings.MaxQueuedBytes / 2 : !ClientMessageGate.Get(Context.System).TryPass(Self))
        {
            _readPaused = true;
            return;
        }
        ReadNext();
    }

    private void OnResumeReading()
    {
        if (_readPaused)
            ResumeReadingWhenAllowed();
    }

    private void ResumeReadingWhenAllowed()
    {
        if (_finished || _reader.CloseReceived)
            return;
        _readPaused = false;
        ReadNextWhenAllowed();
    }
}
