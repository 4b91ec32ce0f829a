using System.Runtime.CompilerServices;
using GwSocket.Protocol;

namespace GwSocket.Actors.Telemetry;

/// <summary>
/// What one connection has queued for its client. Written only by that connection's actor, with plain
/// stores (no interlocked add on a cache line shared with every other connection); <see cref="OutboundTallies"/>
/// sums the live ones of a stripe when the stats are collected and one of them has changed since (<see cref="Publish"/>).
/// </summary>
/// <param name="stripeChanged">Set when a tally of the stripe has changed since the stripe was last summed.</param>
internal sealed class OutboundTally(int stripe = 0, StrongBox<int>? stripeChanged = null)
{
    private long _messagesText;
    private long _messagesBinary;
    private long _bytesText;
    private long _bytesBinary;
    private long _queuedBytes;
    private long _compressedPlainBytes;
    private long _compressedBytes;

    /// <summary>The stripe of <see cref="OutboundTallies"/> this tally is summed in.</summary>
    internal int Stripe { get; } = stripe;

    public long MessagesText => Volatile.Read(ref _messagesText);

    public long MessagesBinary => Volatile.Read(ref _messagesBinary);

    public long BytesText => Volatile.Read(ref _bytesText);

    public long BytesBinary => Volatile.Read(ref _bytesBinary);

    /// <summary>Frame bytes of the messages sent compressed, as they would have been uncompressed.</summary>
    public long CompressedPlainBytes => Volatile.Read(ref _compressedPlainBytes);

    /// <summary>Frame bytes of the same messages as sent, compressed.</summary>
    public long CompressedBytes => Volatile.Read(ref _compressedBytes);

    /// <summary>Bytes waiting for the socket now: a level, not a total.</summary>
    public long QueuedBytes
    {
        get => Volatile.Read(ref _queuedBytes);
        set => Volatile.Write(ref _queuedBytes, value);
    }

    /// <summary>
    /// After a batch of changes (the queued bytes are reported after every change of the queue): the stripe is summed
    /// again. The fence keeps the check of the flag from passing the changes, so that a sum never misses them.
    /// </summary>
    public void Publish()
    {
        if (stripeChanged is null)
            return;
        Interlocked.MemoryBarrier();
        if (stripeChanged.Value == 0)
            Volatile.Write(ref stripeChanged.Value, 1);
    }

    /// <summary>A frame queued compressed (also counted by <see cref="FrameOut"/>): its size uncompressed and as sent.</summary>
    public void CompressedOut(int plainFrameBytes, int compressedFrameBytes)
    {
        Volatile.Write(ref _compressedPlainBytes, _compressedPlainBytes + plainFrameBytes);
        Volatile.Write(ref _compressedBytes, _compressedBytes + compressedFrameBytes);
    }

    /// <summary>An encoded data frame queued for the client; its bytes are the frame's, header included.</summary>
    public void FrameOut(byte[] frame)
    {
        if (frame.Length > 0 && (frame[0] & 0x0F) == (byte)Opcode.Binary)
        {
            Volatile.Write(ref _messagesBinary, _messagesBinary + 1);
            Volatile.Write(ref _bytesBinary, _bytesBinary + frame.Length);
        }
        else
        {
            Volatile.Write(ref _messagesText, _messagesText + 1);
            Volatile.Write(ref _bytesText, _bytesText + frame.Length);
        }
    }
}
