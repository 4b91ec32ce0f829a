using GwSocket.Actors.Telemetry;

namespace GwSocket.Actors.Connections;

public sealed partial class ConnectionActor
{
    /// <summary>This connection's share of <see cref="ConnectionCounters"/>' queued bytes, so that it is reported as a change.</summary>
    private long _reportedQueuedBytes;

    private void ReportQueuedBytes()
    {
        var queued = _outbound.QueuedBytes;
        if (queued == _reportedQueuedBytes)
            return;
        ConnectionCounters.QueuedBytesChanged(queued - _reportedQueuedBytes);
        _reportedQueuedBytes = queued;
    }

    /// <summary>A stopped connection no longer holds queued bytes nor counts as a slow client.</summary>
    private void ReleaseTelemetry()
    {
        ConnectionCounters.QueuedBytesChanged(-_reportedQueuedBytes);
        _reportedQueuedBytes = 0;
        if (_dropping)
            ConnectionCounters.SlowClientsChanged(-1);
        _dropping = false;
    }
}
