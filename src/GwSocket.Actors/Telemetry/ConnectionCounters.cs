using GwSocket.Protocol;

namespace GwSocket.Actors.Telemetry;

/// <summary>
/// What the connections of one node have done, summed over all of them. Rare events (opens, client messages,
/// slow clients) are interlocked adds on shared counters; what is queued for clients, once per frame and client,
/// is each connection's own <see cref="OutboundTally"/>. The stats collector reads both once a second.
/// </summary>
internal sealed class ConnectionCounters
{
    private long _opened;
    private long _messagesInText;
    private long _messagesInBinary;
    private long _bytesInText;
    private long _bytesInBinary;
    private long _slowClientDrops;
    private long _slowClientCloses;
    private long _slowClients;
    private long _slowClientEpisodes;
    private long _protocolErrors;
    private long _inflatedFromBytes;
    private long _inflatedBytes;

    /// <summary>What each live connection has queued for its client, and what the stopped ones had.</summary>
    public OutboundTallies Outbound { get; } = new();

    public void Opened() => Interlocked.Increment(ref _opened);

    /// <summary>A whole message from a client; <paramref name="bytes"/> is its payload.</summary>
    public void MessageIn(Opcode type, int bytes)
    {
        if (type == Opcode.Binary)
            Add(ref _messagesInBinary, ref _bytesInBinary, bytes);
        else
            Add(ref _messagesInText, ref _bytesInText, bytes);
    }

    /// <summary>A message that came compressed: its bytes on the wire and its payload once inflated.</summary>
    public void InflatedIn(long compressedBytes, int inflatedBytes)
    {
        Interlocked.Add(ref _inflatedFromBytes, compressedBytes);
        Interlocked.Add(ref _inflatedBytes, inflatedBytes);
    }

    public void SlowClientDropped() => Interlocked.Increment(ref _slowClientDrops);

    public void SlowClientClosed() => Interlocked.Increment(ref _slowClientCloses);

    /// <summary>A client started (+1) or stopped (-1) having its messages dropped.</summary>
    public void SlowClientsChanged(int delta)
    {
        Interlocked.Add(ref _slowClients, delta);
        if (delta > 0)
            Interlocked.Add(ref _slowClientEpisodes, delta);
    }

    public void ProtocolError() => Interlocked.Increment(ref _protocolErrors);

    public ConnectionTotals Snapshot()
    {
        var outbound = Outbound.Sum();
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
