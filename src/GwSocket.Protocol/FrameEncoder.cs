using System.Buffers.Binary;
using System.Text;

namespace GwSocket.Protocol;

/// <summary>
/// Builds frames. Server frames are never masked (RFC 6455 section 5.1) and use the shortest
/// length encoding: 7 bits, then 16, then 64.
/// </summary>
public static class FrameEncoder
{
    public const int MaxCloseReasonBytes = 123;

    public static int HeaderSize(long payloadLength, bool masked = false) =>
        (payloadLength < 126 ? 2 : payloadLength <= ushort.MaxValue ? 4 : 10) + (masked ? 4 : 0);

    /// <summary>
    /// Writes a frame header (without masking key) and returns its size. <paramref name="compressed"/> sets RSV1,
    /// permessage-deflate's "Per-Message Compressed" bit (RFC 7692 section 6), on a message's first frame.
    /// </summary>
    public static int WriteHeader(Span<byte> destination, Opcode opcode, bool fin, long payloadLength, bool masked = false, bool compressed = false)
    {
        destination[0] = (byte)((fin ? 0x80 : 0) | (compressed ? 0x40 : 0) | (byte)opcode);
        var maskBit = masked ? 0x80 : 0;
        if (payloadLength < 126)
        {
            destination[1] = (byte)(maskBit | (int)payloadLength);
            return 2;
        }
        if (payloadLength <= ushort.MaxValue)
        {
            destination[1] = (byte)(maskBit | 126);
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payloadLength);
            return 4;
        }
        destination[1] = (byte)(maskBit | 127);
        BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)payloadLength);
        return 10;
    }

    /// <summary>A complete unmasked server frame.</summary>
    public static byte[] Encode(Opcode opcode, ReadOnlySpan<byte> payload, bool fin = true)
    {
        var frame = new byte[HeaderSize(payload.Length) + payload.Length];
        Encode(frame, opcode, payload, fin);
        return frame;
    }

    /// <summary>
    /// Writes a complete unmasked server frame into <paramref name="destination"/>, which must hold
    /// <see cref="HeaderSize"/> plus the payload, and returns its size. Allocates nothing.
    /// </summary>
    public static int Encode(Span<byte> destination, Opcode opcode, ReadOnlySpan<byte> payload, bool fin = true)
    {
        var headerSize = WriteHeader(destination, opcode, fin, payload.Length);
        payload.CopyTo(destination[headerSize..]);
        return headerSize + payload.Length;
    }

    /// <summary>A close frame with a status code and a reason cut to fit a control frame on a UTF-8 boundary.</summary>
    public static byte[] EncodeClose(ushort code, string reason = "")
    {
        Span<byte> payload = stackalloc byte[2 + MaxCloseReasonBytes];
        BinaryPrimitives.WriteUInt16BigEndian(payload, code);
        var reasonBytes = Encoding.UTF8.GetBytes(reason);
        var length = Math.Min(reasonBytes.Length, MaxCloseReasonBytes);
        while (length < reasonBytes.Length && length > 0 && (reasonBytes[length] & 0xC0) == 0x80)
            length--;
        reasonBytes.AsSpan(0, length).CopyTo(payload[2..]);
        return Encode(Opcode.Close, payload[..(2 + length)]);
    }

    /// <summary>A masked frame, as a client sends it.</summary>
    public static byte[] EncodeMasked(Opcode opcode, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> mask, bool fin = true, bool compressed = false)
    {
        var frame = new byte[HeaderSize(payload.Length, masked: true) + payload.Length];
        var headerSize = WriteHeader(frame, opcode, fin, payload.Length, masked: true, compressed);
        mask[..4].CopyTo(frame.AsSpan(headerSize));
        Masking.Apply(payload, frame.AsSpan(headerSize + 4), mask, 0);
        return frame;
    }
}
