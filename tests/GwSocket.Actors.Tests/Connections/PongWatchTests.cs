using Akka.TestKit.Xunit2;
using GwSocket.Actors.Connections;
using Xunit.Abstractions;
using static GwSocket.Actors.Connections.ConnectionSignals;

namespace GwSocket.Actors.Tests.Connections;

public sealed class PongWatchTests(ITestOutputHelper output) : TestKit(output: output)
{
    [Fact]
    public async Task Only_connections_past_their_deadline_are_told_and_the_next_deadline_is_returned()
    {
        var watch = new PongWatch();
        var late = CreateTestProbe();
        var waiting = CreateTestProbe();
        watch.Add(late.Ref, deadline: 1_000);
        watch.Add(waiting.Ref, deadline: 3_000);

        Assert.Equal(3_000, watch.TimeOutPast(now: 2_000));

        await late.ExpectMsgAsync<PongTimeout>();
        await waiting.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        // Told once: it left the watch.
        Assert.Equal(3_000, watch.TimeOutPast(now: 2_500));
        await late.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Connection_whose_client_answered_is_not_told()
    {
        var watch = new PongWatch();
        var answered = CreateTestProbe();
        watch.Add(answered.Ref, deadline: 1_000);

        watch.Remove(answered.Ref);

        Assert.Null(watch.TimeOutPast(now: 5_000));
        await answered.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }
}
