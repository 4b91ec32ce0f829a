using System.Net.WebSockets;
using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Lifecycle;

/// <summary>--keepalive-interval and --keepalive-timeout: silent peers are pinged; those that never answer are dropped.</summary>
public sealed class KeepaliveTests(KeepaliveTests.FastKeepaliveServerFixture fixture) : IClassFixture<KeepaliveTests.FastKeepaliveServerFixture>
{
    /// <summary>Several keepalive intervals: twice as long as an unanswering client takes to be dropped (1 s, then 3 s).</summary>
    private static readonly TimeSpan SeveralIntervals = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Silent_client_is_pinged_then_dropped_when_it_never_answers()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.ExpectFrameAsync(Opcode.Ping);

        // Never answer: the server must give up and close the connection on its own.
        await socket.ReadUntilClosedByServerAsync();
    }

    [Fact]
    public async Task Client_that_answers_pings_stays_open()
    {
        // ClientWebSocket answers pings while a receive is pending; its own keepalive is off.
        using var socket = await ClientWebSockets.ConnectAsync(
            ClientWebSockets.LocalUri(fixture.Port), options => options.KeepAliveInterval = TimeSpan.Zero);

        var receive = socket.ReceiveMessageAsync();
        var first = await Task.WhenAny(receive, Task.Delay(SeveralIntervals));

        Assert.True(first != receive, $"The server ended the conversation: {socket.State} {socket.CloseStatus}.");
        await socket.SendMessageAsync(WebSocketMessageType.Text, "still here"u8.ToArray());
        var (_, payload) = await receive;
        Assert.Equal("still here", Encoding.UTF8.GetString(payload));
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task Pings_are_not_counted_as_messages_out()
    {
        // A server of its own: the figures are the whole process's.
        await using var server = await GwSocketProcess.StartAsync("--echo-mode", "--keepalive-interval=1", "--keepalive-timeout=10");
        await using var socket = await RawWebSocket.ConnectAsync(server.Port);
        var ping = await socket.ExpectFrameAsync(Opcode.Ping);
        await socket.SendFrameAsync(Opcode.Pong, ping.Payload);
        await socket.SendTextAsync("echo me");
        await socket.ExpectFrameAsync(Opcode.Text);

        var metrics = await OpsHttp.ScrapeUntilAsync(
            server.Port,
            m => m.Value("gwsocket_messages_in_total", ("type", "text")) == 1 && m.Value("gwsocket_messages_out_total", ("type", "text")) >= 1,
            "the message and its echo counted");

        // One text message out, the echo: 2 bytes of header and 7 of payload. The ping (and any later one) is neither.
        Assert.Equal(1, metrics.Value("gwsocket_messages_out_total", ("type", "text")));
        Assert.Equal(9, metrics.Value("gwsocket_traffic_out_bytes_total", ("type", "text")));
        Assert.Equal(0, metrics.Value("gwsocket_messages_out_total", ("type", "binary")) ?? 0);
    }

    public sealed class FastKeepaliveServerFixture()
        // A pong may take a second to come back from a client on a loaded machine: 3 s to answer, as a real deployment allows more.
        : ServerFixture("--echo-mode", "--keepalive-interval=1", "--keepalive-timeout=3");
}
