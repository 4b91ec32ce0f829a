namespace GwSocket.Actors.Telemetry;

/// <summary>
/// <see cref="ConnectionCounters"/> at one moment. Bytes in are payload bytes; bytes out are encoded frames.
/// <paramref name="SlowClients"/> and <paramref name="QueuedBytes"/> are levels, the rest are totals.
/// </summary>
public sealed record ConnectionTotals(
    long Opened,
    long MessagesInText,
    long MessagesInBinary,
    long BytesInText,
    long BytesInBinary,
    long MessagesOutText,
    long MessagesOutBinary,
    long BytesOutText,
    long BytesOutBinary,
    long SlowClientDrops,
    long SlowClientCloses,
    long SlowClients,
    long QueuedBytes,
    long ProtocolErrors);
