namespace GwSocket.Bench;

/// <summary>What one client received in the current phase, checked for order as it arrives.</summary>
internal sealed class ClientCounters
{
    private uint _phase;
    private uint _next;

    public long Received;
    public long Gaps;
    public long Duplicates;
    public long Malformed;
    public bool SawWarmup;

    /// <summary>Called on the client's receive loop only: no locks, readers tolerate a stale view.</summary>
    public void Count(RecordStamp stamp, long now, LatencyHistogram latency)
    {
        if (stamp.Phase == 0)
        {
            SawWarmup = true;
            return;
        }
        if (stamp.Phase != _phase)
        {
            if (stamp.Phase < _phase)
            {
                Malformed++;
                return;
            }
            _next = 0;
            Gaps = Duplicates = 0;
            Volatile.Write(ref Received, 0);
            Volatile.Write(ref _phase, stamp.Phase);
        }
        if (stamp.Sequence < _next)
        {
            Duplicates++;
            return;
        }
        Gaps += stamp.Sequence - _next;
        _next = stamp.Sequence + 1;
        Volatile.Write(ref Received, Received + 1);
        latency.Record(stamp.MicrosecondsSinceWritten(now));
    }

    /// <summary>Received in <paramref name="phase"/> so far; 0 when that phase has not started for this client.</summary>
    public long ReceivedIn(uint phase) => Volatile.Read(ref _phase) == phase ? Volatile.Read(ref Received) : 0;
}
