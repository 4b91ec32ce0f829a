using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Framing;

/// <summary>RFC 6455 sections 5.5 (control frames), 5.5.2 (ping) and 5.5.3 (pong).</summary>
public sealed class ControlFrameTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task Control_frame_over_125_bytes_is_closed_with_protocol_error()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        // FIN:1 op:ping MASK:1 LEN:126 (16-bit length 0x007E) key:00000000, then 126 zero bytes
        await socket.SendBytesAsync([0x89, 0xFE, 0x00, 0x7E, 0x00, 0x00, 0x00, 0x00, .. new byte[126]]);

        await socket.ExpectCloseAsync(CloseCodes.ProtocolError);
    }

    [Fact]
    public async Task Fragmented_control_frame_is_closed_with_protocol_error()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendBytesAsync([0x09, 0x82, 0x00, 0x00, 0x00, 0x00, .. "hi"u8]); // FIN:0 op:ping MASK:1 LEN:2 key:00000000 "hi"

        await socket.ExpectCloseAsync(CloseCodes.ProtocolError);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(125)]
    public async Task Ping_gets_pong_with_the_same_payload(int size)
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);
        var payload = Enumerable.Range(0, size).Select(i => (byte)i).ToArray();

        await socket.SendFrameAsync(Opcode.Ping, payload);
        var pong = await socket.ExpectFrameAsync(Opcode.Pong);

        Assert.True(pong.Fin);
        Assert.Equal(payload, pong.Payload);
    }

    [Fact]
    public async Task Unsolicited_pong_is_ignored()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendFrameAsync(Opcode.Pong, "unsolicited"u8.ToArray());
        await socket.SendTextAsync("still open");
        var (type, payload) = await socket.ReceiveMessageAsync();

        Assert.Equal(Opcode.Text, type);
        Assert.Equal("still open"u8.ToArray(), payload);
    }

    [Fact]
    public async Task Ping_between_fragments_is_answered_and_the_message_completes()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendFrameAsync(Opcode.Text, "Hel"u8.ToArray(), fin: false);
        await socket.SendFrameAsync(Opcode.Ping, "between"u8.ToArray());
        await socket.SendFrameAsync(Opcode.Continuation, "lo"u8.ToArray(), fin: true);

        var pong = await socket.ExpectFrameAsync(Opcode.Pong);
        Assert.Equal("between"u8.ToArray(), pong.Payload);
        var (type, payload) = await socket.ReceiveMessageAsync();
        Assert.Equal(Opcode.Text, type);
        Assert.Equal("Hello"u8.ToArray(), payload);
    }
}
