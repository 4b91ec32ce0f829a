using System.Net.WebSockets;
using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Echo;

/// <summary>.NET's own ClientWebSocket, an independent implementation, against --echo-mode.</summary>
public sealed class ClientWebSocketEchoTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    public static TheoryData<WebSocketMessageType, int> PayloadSizes()
    {
        // Each size sits on a boundary of the frame length encoding (7-bit, 16-bit, 64-bit)
        // or is the default --max-frame-size of 1 MiB.
        var data = new TheoryData<WebSocketMessageType, int>();
        foreach (var type in new[] { WebSocketMessageType.Text, WebSocketMessageType.Binary })
        {
            foreach (var size in new[] { 0, 125, 126, 65535, 65536, 1024 * 1024 })
            {
                data.Add(type, size);
            }
        }

        return data;
    }

    [Fact]
    public async Task Text_message_is_echoed()
    {
        using var socket = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(fixture.Port));
        var text = Encoding.UTF8.GetBytes("héllo wörld, κόσμε, 🎉");

        await socket.SendMessageAsync(WebSocketMessageType.Text, text);
        var (type, payload) = await socket.ReceiveMessageAsync();

        Assert.Equal(WebSocketMessageType.Text, type);
        Assert.Equal(text, payload);
    }

    [Theory]
    [MemberData(nameof(PayloadSizes))]
    public async Task Payload_is_echoed_byte_exact(WebSocketMessageType type, int size)
    {
        using var socket = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(fixture.Port));
        var sent = Payloads.Of(type, size);

        await socket.SendMessageAsync(type, sent);
        var (echoedType, echoed) = await socket.ReceiveMessageAsync();

        Assert.Equal(type, echoedType);
        Assert.Equal(sent.Length, echoed.Length);
        Assert.True(sent.AsSpan().SequenceEqual(echoed), "The echoed payload differs from the one sent.");
    }

    [Fact]
    public async Task Fragmented_message_is_echoed_whole()
    {
        using var socket = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(fixture.Port));
        using var cts = new CancellationTokenSource(Timeouts.Receive);

        await socket.SendAsync("Hello, "u8.ToArray(), WebSocketMessageType.Text, endOfMessage: false, cts.Token);
        await socket.SendAsync("fragmented "u8.ToArray(), WebSocketMessageType.Text, endOfMessage: false, cts.Token);
        await socket.SendAsync("world"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, cts.Token);
        var (type, payload) = await socket.ReceiveMessageAsync();

        Assert.Equal(WebSocketMessageType.Text, type);
        Assert.Equal("Hello, fragmented world", Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public async Task Messages_are_echoed_in_order()
    {
        using var socket = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(fixture.Port));
        var messages = Enumerable.Range(1, 50).Select(i => $"message {i}").ToList();

        foreach (var message in messages)
        {
            await socket.SendMessageAsync(WebSocketMessageType.Text, Encoding.UTF8.GetBytes(message));
        }

        foreach (var message in messages)
        {
            var (_, payload) = await socket.ReceiveMessageAsync();
            Assert.Equal(message, Encoding.UTF8.GetString(payload));
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/ws")]
    [InlineData("/any/deep/path?room=1&x=y")]
    public async Task Any_request_path_upgrades(string path)
    {
        using var socket = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(fixture.Port, path));

        await socket.SendMessageAsync(WebSocketMessageType.Text, "ping"u8.ToArray());
        var (_, payload) = await socket.ReceiveMessageAsync();

        Assert.Equal("ping", Encoding.UTF8.GetString(payload));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(1001)]
    [InlineData(3000)]
    [InlineData(4999)]
    public async Task Close_code_is_echoed(int code)
    {
        using var socket = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(fixture.Port));
        using var cts = new CancellationTokenSource(Timeouts.Receive);

        await socket.CloseAsync((WebSocketCloseStatus)code, "bye", cts.Token);

        Assert.Equal(WebSocketState.Closed, socket.State);
        Assert.Equal((WebSocketCloseStatus)code, socket.CloseStatus);
    }
}
