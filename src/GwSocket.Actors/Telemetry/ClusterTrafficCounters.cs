namespace GwSocket.Actors.Telemetry;

/// <summary>Messages between this node's router and the other nodes' routers: batches, and the entries they carry.</summary>
public static class ClusterTrafficCounters
{
    private static long _batchesSent;
    private static long _batchesReceived;
    private static long _entriesSent;
    private static long _entriesReceived;

    public static void Sent(int entries)
    {
        Interlocked.Increment(ref _batchesSent);
        Interlocked.Add(ref _entriesSent, entries);
    }

    public static void Received(int entries)
    {
        Interlocked.Increment(ref _batchesReceived);
        Interlocked.Add(ref _entriesReceived, entries);
    }

    public static ClusterTraffic Snapshot() => new(
        Interlocked.Read(ref _batchesSent),
        Interlocked.Read(ref _batchesReceived),
        Interlocked.Read(ref _entriesSent),
        Interlocked.Read(ref _entriesReceived));
}

/// <summary><see cref="ClusterTrafficCounters"/> at one moment.</summary>
public sealed record ClusterTraffic(long BatchesSent, long BatchesReceived, long EntriesSent, long EntriesReceived);
