using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Framing;

/// <summary>--max-frame-size bounds frames and whole messages: beyond it, close 1009 (RFC 6455 section 7.4.1).</summary>
public sealed class MessageSizeLimitTests(SmallLimitEchoServerFixture fixture) : IClassFixture<SmallLimitEchoServerFixture>
{
    private const int Limit = SmallLimitEchoServerFixture.Limit;

    [Fact]
    public async Task Frame_at_the_limit_is_echoed()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);
        var payload = new byte[Limit];
        Random.Shared.NextBytes(payload);

        await socket.SendFrameAsync(Opcode.Binary, payload);
        var (_, echoed) = await socket.ReceiveMessageAsync();

        Assert.Equal(payload, echoed);
    }

    [Fact]
    public async Task Frame_above_the_limit_is_closed_with_message_too_big()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendFrameAsync(Opcode.Binary, new byte[Limit + 1]);

        await socket.ExpectCloseAsync(CloseCodes.MessageTooBig);
    }

    [Fact]
    public async Task Frame_announcing_more_than_the_limit_is_refused_from_its_header()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        // FIN:1 op:binary MASK:1 LEN:2^40 (64-bit) key:00000000 and no payload: the header alone must be enough.
        await socket.SendBytesAsync([0x82, 0xFF, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);

        await socket.ExpectCloseAsync(CloseCodes.MessageTooBig);
    }

    [Fact]
    public async Task Fragmented_message_at_the_limit_is_echoed()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);
        var half = Enumerable.Repeat((byte)'a', Limit / 2).ToArray();

        await socket.SendFrameAsync(Opcode.Text, half, fin: false);
        await socket.SendFrameAsync(Opcode.Continuation, half, fin: true);
        var (_, echoed) = await socket.ReceiveMessageAsync();

        Assert.Equal(Limit, echoed.Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Fragmented_message_above_the_limit_is_closed_with_message_too_big(bool lastFragmentIsFinal)
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);
        var fragment = new byte[Limit / 2 + 100];

        await socket.SendFrameAsync(Opcode.Binary, fragment, fin: false);
        await socket.SendFrameAsync(Opcode.Continuation, fragment, fin: lastFragmentIsFinal);

        await socket.ExpectCloseAsync(CloseCodes.MessageTooBig);
    }
}
