using Akka.Actor;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.NetworkPipes;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using GwSocket.Protocol.Pipes;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.NetworkPipes;

/// <summary>A watcher tells its connection when the router has subscribed it, the moment its 101 may go out.</summary>
public sealed class PipeWatcherSubscriptionTests(ITestOutputHelper output) : TestKit(output: output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_subscription_is_signalled_once_the_router_confirms_it_and_its_end_is_queued_only_when_asked(bool markSnapshotEnd)
    {
        var router = CreateTestProbe();
        var queue = new PipeOutQueue(1024 * 1024);
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = Sys.ActorOf(PipeWatcher.Props(strict: true, markSnapshotEnd, router.Ref, queue, new SemaphoreSlim(0), new NetworkPipeTotals(), subscribed));

        Assert.True((await router.ExpectMsgAsync<SubscribeClientEvents>(Patience)).Confirm);
        watcher.Tell(new ClientOpened(1, "10.0.0.1"), router.Ref);
        // Identify is answered in mailbox order: the watcher has handled the open.
        await watcher.Ask<ActorIdentity>(new Identify(null), Patience);
        Assert.False(subscribed.Task.IsCompleted, "signalled before the router confirmed the subscription");

        watcher.Tell(ClientEventsSubscribed.Instance, router.Ref);
        await subscribed.Task.WaitAsync(Patience);

        byte[][] expected = markSnapshotEnd ? [StrictRecordEncoder.Open(1, "10.0.0.1"), []] : [StrictRecordEncoder.Open(1, "10.0.0.1")];
        Assert.Equal(expected, QueuedRecords.Drain(queue));
    }
}
