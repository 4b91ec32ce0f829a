using GwSocket.Protocol;

namespace GwSocket.Actors.Telemetry;

/// <summary>
/// What the connections of this process have done, summed over all of them. Every connection actor adds to
/// the same counters (one interlocked add per message), and the stats collector reads them once a second.
/// </summary>
public static class ConnectionCounters
{
    private static long _opened;
    private static long _messagesInText;
    private static long _messagesInBinary;
    private static long _bytesInText;
    private static long _bytesInBinary;
    private static long _messagesOutText;
    private static long _messagesOutBinary;
    private static long _bytesOutText;
    private static long _bytesOutBinary;
    private static long _slowClientDrops;
    private static long _slowClientCloses;
    private static long _slowClients;
    private static long _queuedBytes;
    private static long _protocolErrors;

    public static void Opened() => Interlocked.Increment(ref _opened);

    /// <summary>A whole message from a client; <paramref name="bytes"/> is its payload.</summary>
    public static void MessageIn(Opcode type, int bytes)
    {
        if (type == Opcode.Binary)
            Add(ref _messagesInBinary, ref _bytesInBinary, bytes);
        else
            Add(ref _messagesInText, ref _bytesInText, bytes);
    }

    /// <summary>An encoded data frame queued for a client; its bytes are the frame's, header included.</summary>
    public static void FrameOut(byte[] frame)
    {
        if (frame.Length > 0 && (frame[0] & 0x0F) == (byte)Opcode.Binary)
            Add(ref _messagesOutBinary, ref _bytesOutBinary, frame.Length);
        else
            Add(ref _messagesOutText, ref _bytesOutText, frame.Length);
    }

    public static void SlowClientDropped() => Interlocked.Increment(ref _slowClientDrops);

    public static void SlowClientClosed() => Interlocked.Increment(ref _slowClientCloses);

    /// <summary>A client started (+1) or stopped (-1) having its messages dropped.</summary>
    public static void SlowClientsChanged(int delta) => Interlocked.Add(ref _slowClients, delta);

    public static void QueuedBytesChanged(long delta) => Interlocked.Add(ref _queuedBytes, delta);

    public static void ProtocolError() => Interlocked.Increment(ref _protocolErrors);

    public static ConnectionTotals Snapshot() => new(
        Interlocked.Read(ref _opened),
        Interlocked.Read(ref _messagesInText),
        Interlocked.Read(ref _messagesInBinary),
        Interlocked.Read(ref _bytesInText),
        Interlocked.Read(ref _bytesInBinary),
        Interlocked.Read(ref _messagesOutText),
        Interlocked.Read(ref _messagesOutBinary),
        Interlocked.Read(ref _bytesOutText),
        Interlocked.Read(ref _bytesOutBinary),
        Interlocked.Read(ref _slowClientDrops),
        Interlocked.Read(ref _slowClientCloses),
        Interlocked.Read(ref _slowClients),
        Interlocked.Read(ref _queuedBytes),
        Interlocked.Read(ref _protocolErrors));

    private static void Add(ref long messages, ref long total, int bytes)
    {
        Interlocked.Increment(ref messages);
        Interlocked.Add(ref total, bytes);
    }
}
