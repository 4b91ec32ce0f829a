using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Framing;

/// <summary>TCP is a byte stream: frames may arrive several per read or one byte at a time.</summary>
public sealed class ByteStreamSplitTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task Several_frames_in_one_write_are_each_echoed()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendBytesAsync(
        [
            0x81, 0x83, 0x00, 0x00, 0x00, 0x00, .. "one"u8, // FIN:1 op:text MASK:1 LEN:3 key:00000000 "one"
            0x82, 0x83, 0x00, 0x00, 0x00, 0x00, .. "two"u8, // FIN:1 op:binary MASK:1 LEN:3 key:00000000 "two"
            0x81, 0x85, 0x00, 0x00, 0x00, 0x00, .. "three"u8, // FIN:1 op:text MASK:1 LEN:5 key:00000000 "three"
        ]);

        Assert.Equal((Opcode.Text, "one"), Decode(await socket.ReceiveMessageAsync()));
        Assert.Equal((Opcode.Binary, "two"), Decode(await socket.ReceiveMessageAsync()));
        Assert.Equal((Opcode.Text, "three"), Decode(await socket.ReceiveMessageAsync()));
    }

    [Fact]
    public async Task Frame_sent_one_byte_at_a_time_is_echoed()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);
        var frame = FrameEncoder.EncodeMasked(Opcode.Text, "byte by byte"u8, [0x37, 0xFA, 0x21, 0x3D]);

        foreach (var b in frame)
        {
            await socket.SendBytesAsync([b]);
        }

        Assert.Equal((Opcode.Text, "byte by byte"), Decode(await socket.ReceiveMessageAsync()));
    }

    private static (Opcode, string) Decode((Opcode Type, byte[] Payload) message) =>
        (message.Type, System.Text.Encoding.UTF8.GetString(message.Payload));
}
