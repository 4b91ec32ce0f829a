using GwSocket.Protocol;

namespace GwSocket.Actors.Telemetry;

/// <summary>
/// What the connections of this process have done, summed over all of them. Rare events (opens, client messages,
/// slow clients) are interlocked adds on shared counters; what is queued for clients, once per frame and client,
/// is each connection's own <see cref="OutboundTally"/>. The stats collector reads both once a second.
/// </summary>
public static class ConnectionCounters
{
    private static long _opened;
    private static long _messagesInText;
    private static long _messagesInBinary;
    private static long _bytesInText;
    private static long _bytesInBinary;
    private static long _slowClientDrops;
    private static long _slowClientCloses;
    private static long _slowClients;
    private static long _slowClientEpisodes;
    private static long _protocolErrors;
    private static long _inflatedFromBytes;
    private static long _inflatedBytes;

    public static void Opened() => Interlocked.Increment(ref _opened);

    /// <summary>A whole message from a client; <paramref name="bytes"/> is its payload.</summary>
    public static void MessageIn(Opcode type, int bytes)
    {
        if (type == Opcode.Binary)
            Add(ref _messagesInBinary, ref _bytesInBinary, bytes);
        else
            Add(ref _messagesInText, ref _bytesInText, bytes);
    }

    /// <summary>A message that came compressed: its bytes on the wire and its payload once inflated.</summary>
    public static void InflatedIn(long compressedBytes, int inflatedBytes)
    {
        Interlocked.Add(ref _inflatedFromBytes, compressedBytes);
        Interlocked.Add(ref _inflatedBytes, inflatedBytes);
    }

    public static void SlowClientDropped() => Interlocked.Increment(ref _slowClientDrops);

    public static void SlowClientClosed() => Interlocked.Increment(ref _slowClientCloses);

    /// <summary>A client started (+1) or stopped (-1) having its messages dropped.</summary>
    public static void SlowClientsChanged(int delta)
    {
        Interlocked.Add(ref _slowClients, delta);
        if (delta > 0)
            Interlocked.Add(ref _slowClientEpisodes, delta);
    }

    public static void ProtocolError() => Interlocked.Increment(ref _protocolErrors);

    public static ConnectionTotals Snapshot()
    {
        var outbound = OutboundTallies.Sum();
        return new(
            Interlocked.Read(ref _opened),
            Interlocked.Read(ref _messagesInText),
            Interlocked.Read(ref _messagesInBinary),
            Interlocked.Read(ref _bytesInText),
            Interlocked.Read(ref _bytesInBinary),
            outbound.MessagesText,
            outbound.MessagesBinary,
            outbound.BytesText,
            outbound.BytesBinary,
            Interlocked.Read(ref _slowClientDrops),
            Interlocked.Read(ref _slowClientCloses),
            Interlocked.Read(ref _slowClients),
            outbound.QueuedBytes,
            Interlocked.Read(ref _protocolErrors),
            outbound.CompressedPlainBytes,
            outbound.CompressedBytes,
            Interlocked.Read(ref _inflatedBytes),
            Interlocked.Read(ref _inflatedFromBytes),
            Interlocked.Read(ref _slowClientEpisodes));
    }

    private static void Add(ref long messages, ref long total, int bytes)
    {
        Interlocked.Increment(ref messages);
        Interlocked.Add(ref total, bytes);
    }
}
