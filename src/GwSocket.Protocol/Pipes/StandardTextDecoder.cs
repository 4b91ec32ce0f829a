using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace GwSocket.Protocol.Pipes;

/// <summary>
/// Standard mode: each chunk read from pipe-in becomes one text message. A UTF-8 sequence cut
/// between two reads is carried over to the next message; bytes that can never be UTF-8 are
/// replaced by U+FFFD and counted, so nothing is dropped.
/// </summary>
public sealed class StandardTextDecoder
{
    private static readonly byte[] Replacement = "\uFFFD"u8.ToArray();

    private readonly byte[] _carry = new byte[3];
    private int _carryCount;

    /// <summary>Bytes replaced by U+FFFD so far (one per invalid sequence).</summary>
    public long Replacements { get; private set; }

    /// <summary>The text message for this chunk, or null when it holds only the start of a sequence.</summary>
    public byte[]? Decode(ReadOnlySpan<byte> chunk)
    {
        byte[]? joined = null;
        var data = chunk;
        if (_carryCount > 0)
        {
            joined = new byte[_carryCount + chunk.Length];
            _carry.AsSpan(0, _carryCount).CopyTo(joined);
            chunk.CopyTo(joined.AsSpan(_carryCount));
            data = joined;
        }

        var tailStart = Utf8Tail.IncompleteTailStart(data);
        var body = data[..tailStart];
        var tail = data[tailStart..];
        tail.CopyTo(_carry);
        _carryCount = tail.Length;

        if (body.IsEmpty)
            return null;
        return Utf8.IsValid(body) ? body.ToArray() : ReplaceInvalid(body);
    }

    /// <summary>At the end of the stream (the writer went away), a dangling sequence start is flushed as U+FFFD.</summary>
    public byte[]? Flush()
    {
        if (_carryCount == 0)
            return null;
        _carryCount = 0;
        Replacements++;
        return Replacement.ToArray();
    }

    private byte[] ReplaceInvalid(ReadOnlySpan<byte> body)
    {
        var output = new ArrayBufferWriter<byte>(body.Length + 16);
        while (!body.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(body, out _, out var consumed);
            if (status == OperationStatus.Done)
            {
                output.Write(body[..consumed]);
            }
            else
            {
                output.Write(Replacement);
                Replacements++;
            }
            body = body[consumed..];
        }
        return output.WrittenSpan.ToArray();
    }
}
