using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Framing;

/// <summary>RFC 6455 sections 5.5.1, 7.1 and 7.4: the close handshake and close codes.</summary>
public sealed class CloseHandshakeTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    [Theory]
    [InlineData(999)]
    [InlineData(1004)]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(1015)]
    [InlineData(1016)]
    [InlineData(2999)]
    [InlineData(5000)]
    public async Task Invalid_close_code_is_closed_with_protocol_error(int code)
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendCloseAsync((ushort)code);

        await socket.ExpectCloseAsync(CloseCodes.ProtocolError);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(1001)]
    [InlineData(1003)]
    [InlineData(3000)]
    [InlineData(4999)]
    public async Task Valid_close_code_is_echoed(int code)
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendCloseAsync((ushort)code);

        await socket.ExpectCloseAsync((ushort)code);
    }

    [Fact]
    public async Task One_byte_close_payload_is_closed_with_protocol_error()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendBytesAsync([0x88, 0x81, 0x00, 0x00, 0x00, 0x00, 0x03]); // FIN:1 op:close MASK:1 LEN:1 key:00000000 0x03

        await socket.ExpectCloseAsync(CloseCodes.ProtocolError);
    }

    [Fact]
    public async Task Empty_close_is_answered_with_a_close()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendBytesAsync([0x88, 0x80, 0x00, 0x00, 0x00, 0x00]); // FIN:1 op:close MASK:1 LEN:0 key:00000000

        var close = await socket.ExpectFrameAsync(Opcode.Close);
        Assert.True(close.CloseCode is null or CloseCodes.NormalClosure, $"Expected no code or 1000, got {close}.");
    }

    [Fact]
    public async Task Server_closes_tcp_after_the_close_handshake()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendCloseAsync(CloseCodes.NormalClosure);
        await socket.ExpectCloseAsync(CloseCodes.NormalClosure);

        Assert.Empty(await socket.ReadUntilClosedByServerAsync());
    }

    [Fact]
    public async Task Server_sends_nothing_after_its_close_frame()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        // A close then a text frame in the same write: the text must not be echoed.
        await socket.SendBytesAsync(
        [
            0x88, 0x82, 0x00, 0x00, 0x00, 0x00, 0x03, 0xE8, // FIN:1 op:close MASK:1 LEN:2 key:00000000 code:1000
            0x81, 0x85, 0x00, 0x00, 0x00, 0x00, .. "after"u8, // FIN:1 op:text MASK:1 LEN:5 key:00000000 "after"
        ]);
        await socket.ExpectCloseAsync(CloseCodes.NormalClosure);

        Assert.Empty(await socket.ReadUntilClosedByServerAsync());
    }

    [Fact]
    public async Task Server_closes_tcp_after_failing_the_connection()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendBytesAsync([0x81, 0x05, .. "Hello"u8]); // FIN:1 op:text MASK:0 LEN:5 "Hello"
        await socket.ExpectCloseAsync(CloseCodes.ProtocolError);

        // The client never answers the close: the server must still drop the connection.
        Assert.Empty(await socket.ReadUntilClosedByServerAsync());
    }
}
