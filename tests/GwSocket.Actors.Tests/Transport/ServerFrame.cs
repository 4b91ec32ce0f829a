using System.Buffers.Binary;
using System.Text;
using GwSocket.Protocol;

namespace GwSocket.Actors.Tests.Transport;

/// <summary>
/// A frame as the client sees it, parsed here independently of the server's codec
/// (RFC 6455 section 5.2), so a wrong header from the encoder cannot hide itself.
/// </summary>
internal sealed record ServerFrame(bool Fin, int Rsv, bool Masked, Opcode Opcode, byte[] Payload)
{
    public string Text => Encoding.UTF8.GetString(Payload);

    /// <summary>The status of a close frame, or null when it carries none.</summary>
    public ushort? CloseCode => Payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(Payload) : null;

    /// <summary>Parses one frame from the start of <paramref name="bytes"/>; false when more bytes are needed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out ServerFrame frame, out int consumed)
    {
        frame = null!;
        consumed = 0;
        if (bytes.Length < 2)
            return false;
        var masked = (bytes[1] & 0x80) != 0;
        var length7 = bytes[1] & 0x7F;
        var headerSize = (length7 == 126 ? 4 : length7 == 127 ? 10 : 2) + (masked ? 4 : 0);
        if (bytes.Length < headerSize)
            return false;
        long length = length7 switch
        {
            126 => BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]),
            127 => checked((long)BinaryPrimitives.ReadUInt64BigEndian(bytes[2..])),
            _ => length7,
        };
        if (bytes.Length - headerSize < length)
            return false;
        frame = new ServerFrame(
            Fin: (bytes[0] & 0x80) != 0,
            Rsv: (bytes[0] >> 4) & 0x7,
            Masked: masked,
            Opcode: (Opcode)(bytes[0] & 0x0F),
            Payload: bytes.Slice(headerSize, (int)length).ToArray());
        consumed = headerSize + (int)length;
        return true;
    }

    /// <summary>Every frame in <paramref name="bytes"/>, which must hold whole frames only.</summary>
    public static IReadOnlyList<ServerFrame> ParseAll(ReadOnlySpan<byte> bytes)
    {
        var frames = new List<ServerFrame>();
        while (!bytes.IsEmpty)
        {
            if (!TryParse(bytes, out var frame, out var consumed))
                throw new InvalidDataException($"{bytes.Length} trailing bytes are not a whole frame");
            frames.Add(frame);
            bytes = bytes[consumed..];
        }
        return frames;
    }
}
