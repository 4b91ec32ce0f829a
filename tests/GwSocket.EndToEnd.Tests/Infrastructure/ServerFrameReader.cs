using System.Buffers.Binary;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Decodes server frames (RFC 6455 section 5.2) independently of the server's own
/// codec, checking what a server frame must look like on the wire.
/// </summary>
public static class ServerFrameReader
{
    /// <param name="deflateNegotiated">The connection negotiated permessage-deflate: RSV1 may mark a compressed message.</param>
    public static async Task<ServerFrame> ReadAsync(RawConnection connection, bool deflateNegotiated = false)
    {
        var head = new byte[2];
        await connection.ReadExactlyAsync(head);
        var allowedRsv = deflateNegotiated && (head[0] & 0x0F) is 0x1 or 0x2 ? 0x40 : 0x00;
        Assert.True((head[0] & 0x70 & ~allowedRsv) == 0, $"The server set RSV bits: first byte 0x{head[0]:X2}.");
        Assert.True((head[1] & 0x80) == 0, "The server masked a frame; server frames must never be masked.");

        var payload = new byte[await ReadPayloadLengthAsync(connection, head[1] & 0x7F)];
        await connection.ReadExactlyAsync(payload);
        return new ServerFrame(Fin: (head[0] & 0x80) != 0, Opcode: (Opcode)(head[0] & 0x0F), payload, Compressed: (head[0] & 0x40) != 0);
    }

    private static async Task<int> ReadPayloadLengthAsync(RawConnection connection, int length7)
    {
        switch (length7)
        {
            case 126:
                var length16 = new byte[2];
                await connection.ReadExactlyAsync(length16);
                var value16 = BinaryPrimitives.ReadUInt16BigEndian(length16);
                Assert.True(value16 >= 126, $"The server used a 16-bit length for {value16} bytes; the minimal encoding is required.");
                return value16;
            case 127:
                var length64 = new byte[8];
                await connection.ReadExactlyAsync(length64);
                var value64 = BinaryPrimitives.ReadUInt64BigEndian(length64);
                Assert.True(value64 > ushort.MaxValue, $"The server used a 64-bit length for {value64} bytes; the minimal encoding is required.");
                Assert.True(value64 <= int.MaxValue, $"The server announced a frame of {value64} bytes.");
                return (int)value64;
            default:
                return length7;
        }
    }
}
