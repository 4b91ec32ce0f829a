using System.Buffers.Binary;

namespace GwSocket.Bench;

/// <summary>What <see cref="ServerFrameScanner"/> hands to its owner, in place, without copying.</summary>
internal interface IServerFrameSink
{
    void OnData(ReadOnlySpan<byte> stampBytes);

    /// <summary>A whole compressed message (RSV1): its stamp is inside the deflate stream.</summary>
    void OnCompressedData(ReadOnlySpan<byte> payload);

    void OnPing(ReadOnlySpan<byte> payload);

    void OnClose();
}

/// <summary>
/// Reads unmasked server frames straight out of the receive buffer: only a data frame's first
/// <see cref="RecordStamp.Size"/> bytes are looked at, the rest of its payload is skipped as it streams by;
/// a compressed one is looked at whole, so it must fit the buffer.
/// </summary>
internal struct ServerFrameScanner
{
    private const int MaxControlPayload = 125;

    private long _skip;

    /// <summary>
    /// Consumes what it can of <paramref name="data"/> and returns how many bytes it used; the caller keeps
    /// the rest (a cut header or stamp, under 140 bytes) in front of the next read.
    /// </summary>
    public int Scan(ReadOnlySpan<byte> data, IServerFrameSink sink)
    {
        var used = 0;
        while (used < data.Length)
        {
            if (_skip > 0)
            {
                var skipped = (int)Math.Min(_skip, data.Length - used);
                _skip -= skipped;
                used += skipped;
                continue;
            }
            var frame = data[used..];
            if (frame.Length < 2)
                break;
            var headerSize = (frame[1] & 0x7F) switch { 126 => 4, 127 => 10, _ => 2 };
            if (frame.Length < headerSize)
                break;
            var length = (frame[1] & 0x7F) switch
            {
                126 => BinaryPrimitives.ReadUInt16BigEndian(frame[2..]),
                127 => (long)BinaryPrimitives.ReadUInt64BigEndian(frame[2..]),
                var small => small,
            };
            var opcode = frame[0] & 0x0F;
            var compressed = (frame[0] & 0x40) != 0;
            var looked = opcode >= 0x8 ? (int)Math.Min(length, MaxControlPayload) : compressed ? (int)length : (int)Math.Min(length, RecordStamp.Size);
            if (frame.Length < headerSize + looked)
                break;
            var start = frame.Slice(headerSize, looked);
            switch (opcode)
            {
                case 0x9:
                    sink.OnPing(start);
                    break;
                case 0x8:
                    sink.OnClose();
                    break;
                case 0x1 or 0x2 when compressed:
                    sink.OnCompressedData(start);
                    break;
                case 0x1 or 0x2:
                    sink.OnData(start);
                    break;
            }
            used += headerSize + looked;
            _skip = length - looked;
        }
        return used;
    }
}
