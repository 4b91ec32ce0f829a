using System.Buffers;

namespace GwSocket.Actors.Connections;

/// <summary>
/// Frames waiting for the socket. Everything queued while a write is in flight leaves in one
/// write; a pending pong is replaced by a newer one (RFC 6455 5.5.3 allows answering only the
/// latest ping), so a ping flood cannot grow the queue. Each frame carries the router's credit for it
/// (<see cref="Protocol.Flow.ClientCredit.CreditOf"/> of the frame as the router sent it, before compression; 0 for the
/// connection's own frames), so that what the connection reports is in the router's units.
/// </summary>
internal sealed class OutboundQueue
{
    // Kestrel's pipe pauses a writer at 64 KiB anyway; a larger batch only multiplies the bytes copied per connection.
    private const int MaxBatchBytes = 64 * 1024;

    private readonly Queue<QueuedFrame> _frames = new();
    private byte[]? _pong;

    public long QueuedBytes { get; private set; }

    /// <summary>The router's credit of the frames waiting.</summary>
    public long QueuedCredit { get; private set; }

    public bool IsEmpty => _frames.Count == 0 && _pong is null;

    public void Enqueue(byte[] frame, int credit = 0)
    {
        _frames.Enqueue(new QueuedFrame(frame, credit));
        QueuedBytes += frame.Length;
        QueuedCredit += credit;
    }

    public void EnqueuePong(byte[] pong)
    {
        QueuedBytes += pong.Length - (_pong?.Length ?? 0);
        _pong = pong;
    }

    /// <summary>
    /// Takes what goes out in the next write. One frame is sent as it is (also one that fills a batch alone); several
    /// are copied into one pooled buffer, up to a batch limit, which the caller returns with <see cref="Release"/> once written.
    /// </summary>
    public OutboundBatch TakeBatch()
    {
        if (_pong is null && _frames.Count == 1)
            return new OutboundBatch(Take(_frames.Dequeue()), null);
        if (_pong is not null && _frames.Count == 0)
        {
            var pong = _pong;
            _pong = null;
            return new OutboundBatch(Take(pong), null);
        }

        var size = _pong?.Length ?? 0;
        var count = 0;
        foreach (var frame in _frames)
        {
            if (count > 0 && size + frame.Frame.Length > MaxBatchBytes)
                break;
            size += frame.Frame.Length;
            count++;
        }
        // A frame as large as a batch leaves alone, from its own array, even with more waiting behind it.
        if (count == 1 && _pong is null)
            return new OutboundBatch(Take(_frames.Dequeue()), null);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var written = 0;
        if (_pong is not null)
        {
            written += Copy(Take(_pong), buffer, written);
            _pong = null;
        }
        for (var i = 0; i < count; i++)
            written += Copy(Take(_frames.Dequeue()), buffer, written);
        return new OutboundBatch(buffer.AsMemory(0, written), buffer);
    }

    /// <summary>Gives back a batch's pooled buffer (<see cref="OutboundBatch.Rented"/>) once its write has completed.</summary>
    public static void Release(byte[]? rented)
    {
        if (rented is not null)
            ArrayPool<byte>.Shared.Return(rented);
    }

    private byte[] Take(byte[] frame)
    {
        QueuedBytes -= frame.Length;
        return frame;
    }

    private byte[] Take(QueuedFrame queued)
    {
        QueuedCredit -= queued.Credit;
        return Take(queued.Frame);
    }

    private readonly record struct QueuedFrame(byte[] Frame, int Credit);

    private static int Copy(byte[] frame, byte[] buffer, int offset)
    {
        frame.CopyTo(buffer, offset);
        return frame.Length;
    }
}

/// <summary>Bytes for one write, and the pooled buffer behind them when several frames were joined.</summary>
internal readonly record struct OutboundBatch(ReadOnlyMemory<byte> Bytes, byte[]? Rented);
