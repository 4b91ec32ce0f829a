using System.Buffers;
using GwSocket.Protocol.Compression;

namespace GwSocket.Protocol;

/// <summary>
/// Compressed messages (RFC 7692 section 7.2.2): each payload chunk is unmasked and inflated at once into the
/// message buffer, in steps that never pass the message limit, so a zip bomb fails with 1009 after at most the
/// limit's worth of output. The inflater lives from the message's first frame to its last, no longer.
/// </summary>
public sealed partial class MessageReader
{
    private const int InflateStep = 16 * 1024;

    private MessageInflater? _inflater;
    private long _compressedLength;

    /// <summary>Bytes of the current message as they came off the wire (compressed ones, for a compressed message).</summary>
    private long ReceivedLength => _inflater is null ? _messageLength : _compressedLength;

    private void BeginInflating() => _inflater = new MessageInflater();

    private void InflateChunk(ReadOnlySpan<byte> maskedChunk)
    {
        _compressedLength += maskedChunk.Length;
        var compressed = ArrayPool<byte>.Shared.Rent(maskedChunk.Length);
        try
        {
            _maskOffset = Masking.Apply(maskedChunk, compressed, _mask, _maskOffset);
            InflateSupplied(compressed.AsMemory(0, maskedChunk.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
        }
    }

    /// <summary>The message's last frame is in: inflate the tail its sender removed, and let the inflater go.</summary>
    private void FinishInflating()
    {
        InflateSupplied(MessageInflater.Tail);
        EndInflating();
    }

    private void InflateSupplied(ReadOnlyMemory<byte> compressed)
    {
        var inflater = _inflater!;
        inflater.Supply(compressed);
        try
        {
            while (true)
            {
                var room = (int)Math.Min(InflateStep, _maxMessageSize - _messageLength);
                if (room == 0)
                {
                    // At the limit: one more byte makes the message too big, whatever it would have grown to.
                    Span<byte> probe = stackalloc byte[1];
                    if (inflater.Inflate(probe) > 0)
                        _failure = ReadResult.Fail(CloseCodes.MessageTooBig, $"message inflates to more than {_maxMessageSize} bytes");
                    return;
                }
                var target = ReserveMessageSpace(room);
                var inflated = inflater.Inflate(target);
                if (inflated == 0)
                    return;
                _messageLength += inflated;
                if (_messageType == Opcode.Text && !_utf8.Append(target[..inflated]))
                {
                    _failure = ReadResult.Fail(CloseCodes.InvalidPayload, "text message is not valid UTF-8");
                    return;
                }
            }
        }
        catch (InvalidDataException)
        {
            _failure = ReadResult.Fail(CloseCodes.InvalidPayload, "compressed message is not valid deflate data");
        }
    }

    private void EndInflating()
    {
        _inflater?.Dispose();
        _inflater = null;
    }
}
