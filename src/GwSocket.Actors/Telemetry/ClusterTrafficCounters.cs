namespace GwSocket.Actors.Telemetry;

/// <summary>Messages between this node's router and the other nodes' routers: batches, and the entries they carry.</summary>
internal sealed class ClusterTrafficCounters
{
    private long _batchesSent;
    private long _batchesReceived;
    private long _entriesSent;
    private long _entriesReceived;

    public void Sent(int entries)
    {
        Interlocked.Increment(ref _batchesSent);
        Interlocked.Add(ref _entriesSent, entries);
    }

    public void Received(int entries)
    {
        Interlocked.Increment(ref _batchesReceived);
        Interlocked.Add(ref _entriesReceived, entries);
    }

    public ClusterTraffic Snapshot() => new(
        Interlocked.Read(ref _batchesSent),
        Interlocked.Read(ref _batchesReceived),
        Interlocked.Read(ref _entriesSent),
        Interlocked.Read(ref _entriesReceived));
}

/// <summary><see cref="ClusterTrafficCounters"/> at one moment.</summary>
public sealed record ClusterTraffic(long BatchesSent, long BatchesReceived, long EntriesSent, long EntriesReceived);
