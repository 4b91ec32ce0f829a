namespace GwSocket.Actors.NetworkPipes;

/// <summary>
/// What this node's network pipe connections have done: <paramref name="Producers"/> and <paramref name="Watchers"/>
/// are the connections open now (a watcher asked for events with <c>?events=1</c>; it may send records too), the rest totals.
/// </summary>
public sealed record NetworkPipeCounters(
    long Producers,
    long Watchers,
    long RecordsIn,
    long BytesIn,
    long DecodeErrors,
    long PartialRecordsDiscarded,
    long RecordsOut,
    long WatcherDrops,
    long AuthFailures,
    long Refused);
