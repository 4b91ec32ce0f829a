namespace GwSocket.Bench;

/// <summary>
/// Log-linear histogram of microseconds, shared by every client: 32 buckets per power of two
/// (about 3 % resolution) from 1 µs to about 70 s, recorded without locks or allocations.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 5;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int Magnitudes = 27;

    private readonly long[] _counts = new long[(Magnitudes + 1) * SubBuckets];
    private long _max;

    public void Record(long microseconds)
    {
        if (microseconds < 0)
            microseconds = 0;
        Interlocked.Increment(ref _counts[IndexOf(microseconds)]);
        var max = Volatile.Read(ref _max);
        while (microseconds > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, microseconds, max);
            if (seen == max)
                break;
            max = seen;
        }
    }

    public long Max => Volatile.Read(ref _max);

    public long Count
    {
        get
        {
            long total = 0;
            foreach (var count in _counts)
                total += count;
            return total;
        }
    }

    /// <summary>The upper bound of the bucket holding the <paramref name="quantile"/> (0..1) value.</summary>
    public long Percentile(double quantile)
    {
        var total = Count;
        if (total == 0)
            return 0;
        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
                return Math.Min(UpperBoundOf(i), Max);
        }
        return Max;
    }

    public void Reset()
    {
        Array.Clear(_counts);
        _max = 0;
    }

    private static int IndexOf(long value)
    {
        if (value < SubBuckets)
            return (int)value;
        var magnitude = 63 - (int)long.LeadingZeroCount(value) - SubBucketBits + 1;
        if (magnitude > Magnitudes)
            return ((Magnitudes + 1) * SubBuckets) - 1;
        var sub = (int)(value >> (magnitude - 1)) - SubBuckets;
        return (magnitude * SubBuckets) + sub;
    }

    private static long UpperBoundOf(int index)
    {
        if (index < SubBuckets)
            return index;
        var magnitude = index / SubBuckets;
        var sub = index % SubBuckets;
        return ((long)(SubBuckets + sub + 1) << (magnitude - 1)) - 1;
    }
}
