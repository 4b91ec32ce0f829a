using GwSocket.Actors.Telemetry;

namespace GwSocket.Actors.Connections;

public sealed partial class ConnectionActor
{
    /// <summary>This connection's frames out and queued bytes, summed with the others' when the stats are collected.</summary>
    private readonly OutboundTally _tally = OutboundTallies.Register();

    private void ReportQueuedBytes() => _tally.QueuedBytes = _outbound.QueuedBytes;

    /// <summary>A stopped connection no longer holds queued bytes nor counts as a slow client.</summary>
    private void ReleaseTelemetry()
    {
        OutboundTallies.Retire(_tally);
        if (_dropping)
            ConnectionCounters.SlowClientsChanged(-1);
        _dropping = false;
    }
}
