using GwSocket.Actors.Telemetry;

namespace GwSocket.Actors.Connections;

internal sealed partial class ConnectionActor
{
    /// <summary>The node's counters, which this connection adds its events to.</summary>
    private readonly ConnectionCounters _counters;

    /// <summary>This connection's frames out and queued bytes, summed with the others' when the stats are collected.</summary>
    private readonly OutboundTally _tally;

    private void ReportQueuedBytes()
    {
        _tally.QueuedBytes = _outbound.QueuedBytes;
        _tally.Publish();
    }

    /// <summary>A stopped connection no longer holds queued bytes nor counts as a slow client.</summary>
    private void ReleaseTelemetry()
    {
        _counters.Outbound.Retire(_tally);
        if (_dropping)
            _counters.SlowClientsChanged(-1);
        _dropping = false;
    }
}
