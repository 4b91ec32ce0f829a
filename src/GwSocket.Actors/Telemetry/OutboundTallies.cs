namespace GwSocket.Actors.Telemetry;

/// <summary>
/// The <see cref="OutboundTally"/> of every live connection of this process, and the totals of those that
/// stopped. One lock, taken once per connection start and stop and once per collection, keeps the sums
/// monotonic: a stopping connection's totals move to the retired ones in the same step as it leaves the set.
/// </summary>
public static class OutboundTallies
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<OutboundTally> Live = [];
    private static OutboundTotals _retired;

    public static OutboundTally Register()
    {
        var tally = new OutboundTally();
        lock (Gate)
            Live.Add(tally);
        return tally;
    }

    /// <summary>The connection stopped: its totals stay counted, its queued bytes are gone.</summary>
    public static void Retire(OutboundTally tally)
    {
        lock (Gate)
        {
            if (Live.Remove(tally))
                _retired = _retired.Add(tally) with { QueuedBytes = 0 };
        }
    }

    public static OutboundTotals Sum()
    {
        lock (Gate)
        {
            var sum = _retired;
            foreach (var tally in Live)
                sum = sum.Add(tally);
            return sum;
        }
    }
}

/// <summary>Sums of <see cref="OutboundTally"/>s; <paramref name="QueuedBytes"/> is a level, the rest are totals.</summary>
public readonly record struct OutboundTotals(
    long MessagesText, long MessagesBinary, long BytesText, long BytesBinary, long QueuedBytes, long CompressedPlainBytes = 0, long CompressedBytes = 0)
{
    public OutboundTotals Add(OutboundTally tally) => new(
        MessagesText + tally.MessagesText,
        MessagesBinary + tally.MessagesBinary,
        BytesText + tally.BytesText,
        BytesBinary + tally.BytesBinary,
        QueuedBytes + tally.QueuedBytes,
        CompressedPlainBytes + tally.CompressedPlainBytes,
        CompressedBytes + tally.CompressedBytes);
}
