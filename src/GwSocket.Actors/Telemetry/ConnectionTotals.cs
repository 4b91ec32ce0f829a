namespace GwSocket.Actors.Telemetry;

/// <summary>
/// <see cref="ConnectionCounters"/> at one moment. Bytes in are payload bytes; bytes out are encoded frames.
/// <paramref name="SlowClients"/> and <paramref name="QueuedBytes"/> are levels, the rest are totals.
/// permessage-deflate: <paramref name="CompressedOutPlainBytes"/> and <paramref name="CompressedOutBytes"/> are the frames sent
/// compressed, before and after; <paramref name="CompressedInPlainBytes"/> and <paramref name="CompressedInBytes"/> the messages
/// received compressed, inflated and as received. <paramref name="SlowClientEpisodes"/>: times the drop policy started for a client.
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
    long ProtocolErrors,
    long CompressedOutPlainBytes = 0,
    long CompressedOutBytes = 0,
    long CompressedInPlainBytes = 0,
    long CompressedInBytes = 0,
    long SlowClientEpisodes = 0);
