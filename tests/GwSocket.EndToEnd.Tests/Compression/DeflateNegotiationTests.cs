using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Compression;

/// <summary>permessage-deflate in the handshake of the real server, and what it means on the wire (echo mode).</summary>
public sealed class DeflateNegotiationTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    [Theory]
    [InlineData(ClientDeflate.Offer, "permessage-deflate; server_no_context_takeover; client_no_context_takeover")]
    [InlineData("permessage-deflate; server_max_window_bits=10", "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10")]
    [InlineData("permessage-deflate; server_max_window_bits=7, permessage-deflate", "permessage-deflate; server_no_context_takeover; client_no_context_takeover")]
    public async Task Offer_is_answered_in_the_101(string offer, string answer)
    {
        await using var socket = await ConnectAsync(offer);

        Assert.Equal(answer, socket.Response.Header("Sec-WebSocket-Extensions"));
    }

    [Theory]
    [InlineData("permessage-deflate; server_max_window_bits=99")]
    [InlineData("permessage-deflate; client_no_context_takeover; client_no_context_takeover")]
    [InlineData("permessage-deflate; bogus")]
    [InlineData("x-webkit-deflate-frame")]
    public async Task Offer_that_cannot_be_honoured_still_upgrades_uncompressed(string offer)
    {
        await using var socket = await ConnectAsync(offer);

        Assert.Null(socket.Response.Header("Sec-WebSocket-Extensions"));
        await socket.SendTextAsync("still works");
        var echoed = await socket.ExpectFrameAsync(Opcode.Text);
        Assert.Equal("still works"u8.ToArray(), echoed.Payload);
    }

    [Fact]
    public async Task Compressed_message_is_inflated_and_its_echo_comes_back_compressed()
    {
        await using var socket = await ConnectAsync(ClientDeflate.Offer);
        var text = System.Text.Encoding.UTF8.GetBytes(ClientDeflate.Json(200));

        await socket.SendBytesAsync(ClientDeflate.Frame(Opcode.Text, ClientDeflate.Compress(text)));
        var echoed = await socket.ExpectFrameAsync(Opcode.Text);

        Assert.True(echoed.Compressed, $"expected RSV1 on {echoed}");
        Assert.True(echoed.Payload.Length < text.Length / 3, $"{echoed.Payload.Length} bytes for {text.Length}");
        Assert.Equal(text, ClientDeflate.Inflate(echoed.Payload));
    }

    [Fact]
    public async Task Message_under_the_minimum_size_comes_back_uncompressed()
    {
        await using var socket = await ConnectAsync(ClientDeflate.Offer);

        await socket.SendBytesAsync(ClientDeflate.Frame(Opcode.Text, ClientDeflate.Compress("short"u8.ToArray())));
        var echoed = await socket.ExpectFrameAsync(Opcode.Text);

        Assert.False(echoed.Compressed);
        Assert.Equal("short"u8.ToArray(), echoed.Payload);
    }

    [Fact]
    public async Task Message_longer_than_the_clients_window_comes_back_uncompressed()
    {
        // server_max_window_bits=9: a compressed message may only refer 512 bytes back; one longer goes plain.
        await using var socket = await ConnectAsync("permessage-deflate; server_max_window_bits=9");
        var text = System.Text.Encoding.UTF8.GetBytes(ClientDeflate.Json(50));
        Assert.True(text.Length > 512);

        await socket.SendBytesAsync(ClientDeflate.Frame(Opcode.Text, ClientDeflate.Compress(text)));
        var echoed = await socket.ExpectFrameAsync(Opcode.Text);

        Assert.False(echoed.Compressed);
        Assert.Equal(text, echoed.Payload);
    }

    [Fact]
    public async Task Rsv1_without_negotiation_is_closed_with_protocol_error()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendBytesAsync(ClientDeflate.Frame(Opcode.Text, ClientDeflate.Compress("hello"u8.ToArray())));

        await socket.ExpectCloseAsync(CloseCodes.ProtocolError);
    }

    private async Task<RawWebSocket> ConnectAsync(string offer) =>
        await RawWebSocket.UpgradeAsync(await RawConnection.OpenTcpAsync(fixture.Port), UpgradeRequest.Valid().With("Sec-WebSocket-Extensions", offer));
}
