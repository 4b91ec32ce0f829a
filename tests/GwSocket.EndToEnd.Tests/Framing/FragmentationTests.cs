using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Framing;

/// <summary>RFC 6455 section 5.4: fragmented messages.</summary>
public sealed class FragmentationTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task Continuation_with_nothing_to_continue_is_closed_with_protocol_error()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendBytesAsync([0x80, 0x82, 0x00, 0x00, 0x00, 0x00, .. "hi"u8]); // FIN:1 op:continuation MASK:1 LEN:2 key:00000000 "hi"

        await socket.ExpectCloseAsync(CloseCodes.ProtocolError);
    }

    [Theory]
    [InlineData(0x81)] // FIN:1 op:text
    [InlineData(0x82)] // FIN:1 op:binary
    [InlineData(0x01)] // FIN:0 op:text
    public async Task New_data_frame_during_a_fragmented_message_is_closed_with_protocol_error(int secondFrameByte0)
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendBytesAsync([0x01, 0x83, 0x00, 0x00, 0x00, 0x00, .. "Hel"u8]); // FIN:0 op:text MASK:1 LEN:3 key:00000000 "Hel"
        await socket.SendBytesAsync([(byte)secondFrameByte0, 0x82, 0x00, 0x00, 0x00, 0x00, .. "lo"u8]); // op:data (not continuation) MASK:1 LEN:2 "lo"

        await socket.ExpectCloseAsync(CloseCodes.ProtocolError);
    }

    [Theory]
    [InlineData(Opcode.Text)]
    [InlineData(Opcode.Binary)]
    public async Task Fragmented_message_is_echoed_whole(Opcode type)
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendFrameAsync(type, "Hello, "u8.ToArray(), fin: false);
        await socket.SendFrameAsync(Opcode.Continuation, [], fin: false);
        await socket.SendFrameAsync(Opcode.Continuation, "fragmented "u8.ToArray(), fin: false);
        await socket.SendFrameAsync(Opcode.Continuation, "world"u8.ToArray(), fin: true);
        var (echoedType, payload) = await socket.ReceiveMessageAsync();

        Assert.Equal(type, echoedType);
        Assert.Equal("Hello, fragmented world"u8.ToArray(), payload);
    }
}
