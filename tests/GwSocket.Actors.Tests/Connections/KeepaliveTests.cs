using GwSocket.Actors.Tests.Transport;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Connections;

/// <summary>A silent client is pinged; one that does not answer is dropped; one that answers stays.</summary>
public sealed class KeepaliveTests(ITestOutputHelper output) : ConnectionActorTestKit(output)
{
    [Fact]
    public async Task Silent_client_is_pinged_then_dropped_when_it_does_not_answer()
    {
        var connection = await ConnectAsync(Quiet with
        {
            KeepaliveInterval = TimeSpan.FromMilliseconds(200),
            KeepaliveTimeout = TimeSpan.FromMilliseconds(300),
        });

        var ping = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(Opcode.Ping, ping.Opcode);
        Assert.False(ping.Masked);

        await ExpectFinishedAsync(connection);
    }

    [Fact]
    public async Task Client_answering_every_ping_stays_connected_past_several_intervals()
    {
        var interval = TimeSpan.FromMilliseconds(200);
        // The timeout only has to outlast a loaded test machine's round trip; the connection
        // must survive far longer than interval + timeout for the test to mean anything.
        var timeout = TimeSpan.FromSeconds(1);
        var connection = await ConnectAsync(Quiet with { KeepaliveInterval = interval, KeepaliveTimeout = timeout });
        using var stop = new CancellationTokenSource();
        var pings = 0;
        var responder = Task.Run(async () =>
        {
            while (true)
            {
                var frame = await connection.FromServer.ReadAsync(Timeout.InfiniteTimeSpan, stop.Token);
                Assert.Equal(Opcode.Ping, frame.Opcode);
                await connection.SendAsync(ClientFrames.Pong(frame.Payload));
                Interlocked.Increment(ref pings);
            }
        });

        // Four answered pings are at least three silent intervals apart: well past interval + timeout.
        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref pings) >= 4 || responder.IsCompleted), Patience);
        await ExpectNoMsgAsync(interval + timeout + interval);
        Assert.False(connection.Completed.Task.IsCompleted);
        Assert.False(responder.IsFaulted, responder.Exception?.ToString());
        Assert.True(Volatile.Read(ref pings) >= 5, $"only {pings} pings: the connection stopped pinging a live client");

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => responder);
    }

    [Fact]
    public async Task No_ping_is_sent_when_keepalive_is_off()
    {
        var connection = await ConnectAsync(Quiet with { KeepaliveInterval = TimeSpan.Zero, KeepaliveTimeout = TimeSpan.FromMilliseconds(100) });

        await ExpectNoMsgAsync(TimeSpan.FromSeconds(1));

        Assert.Empty(connection.Transport.Writes);
        Assert.False(connection.Completed.Task.IsCompleted);
    }
}
