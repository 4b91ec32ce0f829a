using System.Buffers.Binary;

namespace GwSocket.Protocol;

/// <summary>A parsed frame header (RFC 6455 section 5.2).</summary>
internal readonly struct FrameHeader
{
    public const int MaxSize = 14;

    public FrameHeader(bool fin, Opcode opcode, long payloadLength, uint maskKey)
    {
        Fin = fin;
        Opcode = opcode;
        PayloadLength = payloadLength;
        MaskKey = maskKey;
    }

    public bool Fin { get; }

    public Opcode Opcode { get; }

    public long PayloadLength { get; }

    /// <summary>The masking key as read from the wire (big-endian order in the uint).</summary>
    public uint MaskKey { get; }

    /// <summary>Header size announced by the first two bytes.</summary>
    public static int SizeFrom(byte second)
    {
        var size = 2 + ((second & 0x80) != 0 ? 4 : 0);
        return (second & 0x7F) switch
        {
            126 => size + 2,
            127 => size + 8,
            _ => size,
        };
    }

    /// <summary>Parses a complete header; false when a 64-bit length has its most significant bit set.</summary>
    public static bool TryParse(ReadOnlySpan<byte> header, out FrameHeader result)
    {
        var fin = (header[0] & 0x80) != 0;
        var opcode = (Opcode)(header[0] & 0x0F);
        var masked = (header[1] & 0x80) != 0;
        long length = header[1] & 0x7F;
        var offset = 2;
        if (length == 126)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
            offset = 4;
        }
        else if (length == 127)
        {
            var wide = BinaryPrimitives.ReadUInt64BigEndian(header[2..]);
            offset = 10;
            if (wide > long.MaxValue)
            {
                result = default;
                return false;
            }
            length = (long)wide;
        }
        var mask = masked ? BinaryPrimitives.ReadUInt32BigEndian(header[offset..]) : 0u;
        result = new FrameHeader(fin, opcode, length, mask);
        return true;
    }
}
