using System.Net.WebSockets;
using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Lifecycle;

/// <summary>--keepalive-interval and --keepalive-timeout: silent peers are pinged; those that never answer are dropped.</summary>
public sealed class KeepaliveTests(KeepaliveTests.FastKeepaliveServerFixture fixture) : IClassFixture<KeepaliveTests.FastKeepaliveServerFixture>
{
    /// <summary>Several keepalive intervals: long enough for an unanswering client to be dropped.</summary>
    private static readonly TimeSpan SeveralIntervals = TimeSpan.FromSeconds(5);

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

    public sealed class FastKeepaliveServerFixture()
        : ServerFixture("--echo-mode", "--keepalive-interval=1", "--keepalive-timeout=1");
}
