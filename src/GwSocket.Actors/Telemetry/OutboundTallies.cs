using System.Runtime.CompilerServices;

namespace GwSocket.Actors.Telemetry;

/// <summary>
/// The <see cref="OutboundTally"/> of every live connection of one node, and the totals of those that stopped, in
/// stripes: a connection start or stop takes the lock of its own stripe only, so connections do not contend with each
/// other but within a stripe. Each stripe's sums are monotonic (a stopping connection's totals move to the stripe's
/// retired ones in the same step as it leaves), so the sum over the stripes, read one after the other, is too.
/// A stripe none of whose tallies has changed since its last sum gives that sum again: an idle node's stats cost
/// nothing per connection.
/// </summary>
internal sealed class OutboundTallies
{
    private const int StripeCount = 64;

    private readonly Stripe[] _stripes = [.. Enumerable.Range(0, StripeCount).Select(_ => new Stripe())];
    private uint _next;

    public OutboundTally Register()
    {
        var stripe = (int)(Interlocked.Increment(ref _next) % StripeCount);
        var tally = new OutboundTally(stripe, _stripes[stripe].Changed);
        _stripes[stripe].Add(tally);
        return tally;
    }

    /// <summary>The connection stopped: its totals stay counted, its queued bytes are gone.</summary>
    public void Retire(OutboundTally tally) => _stripes[tally.Stripe].Retire(tally);

    public OutboundTotals Sum()
    {
        var sum = default(OutboundTotals);
        foreach (var stripe in _stripes)
            sum = sum.Add(stripe.Sum());
        return sum;
    }

    private sealed class Stripe
    {
        private readonly Lock _gate = new();
        private readonly HashSet<OutboundTally> _live = [];
        private OutboundTotals _retired;
        private OutboundTotals _lastSum;

        public StrongBox<int> Changed { get; } = new(1);

        public void Add(OutboundTally tally)
        {
            lock (_gate)
            {
                _live.Add(tally);
                Changed.Value = 1;
            }
        }

        public void Retire(OutboundTally tally)
        {
            lock (_gate)
            {
                if (_live.Remove(tally))
                    _retired = _retired.Add(tally) with { QueuedBytes = 0 };
                Changed.Value = 1;
            }
        }

        public OutboundTotals Sum()
        {
            lock (_gate)
            {
                if (Interlocked.Exchange(ref Changed.Value, 0) == 0)
                    return _lastSum;
                var sum = _retired;
                foreach (var tally in _live)
                    sum = sum.Add(tally);
                return _lastSum = sum;
            }
        }
    }
}

/// <summary>Sums of <see cref="OutboundTally"/>s; <paramref name="QueuedBytes"/> is a level, the rest are totals.</summary>
internal readonly record struct OutboundTotals(
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

    public OutboundTotals Add(OutboundTotals other) => new(
        MessagesText + other.MessagesText,
        MessagesBinary + other.MessagesBinary,
        BytesText + other.BytesText,
        BytesBinary + other.BytesBinary,
        QueuedBytes + other.QueuedBytes,
        CompressedPlainBytes + other.CompressedPlainBytes,
        CompressedBytes + other.CompressedBytes);
}
