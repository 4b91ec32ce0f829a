using Akka.Actor;
using Akka.Event;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.NetworkPipes;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using GwSocket.Protocol.Pipes;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.NetworkPipes;

/// <summary>A network pipe watcher that throws loses the event it was handling and nothing else, and marks no second snapshot end.</summary>
public sealed class PipeWatcherFailureTests(ITestOutputHelper output) : TestKit(output: output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_watcher_that_throws_keeps_queueing_for_the_clients_it_knew()
    {
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));
        var router = CreateTestProbe();
        var queue = new PipeOutQueue(1024 * 1024);
        var watcher = Sys.ActorOf(PipeWatcher.Props(strict: true, markSnapshotEnd: true, router.Ref, queue, new SemaphoreSlim(0), new NetworkPipeTotals(), new TaskCompletionSource()));
        Assert.True((await router.ExpectMsgAsync<SubscribeClientEvents>(Patience)).Confirm);
        watcher.Tell(new ClientOpened(1, "10.0.0.1"), router.Ref);
        watcher.Tell(ClientEventsSubscribed.Instance, router.Ref);

        // A client without an address cannot come from the router: here it stands for any bug in the actor's handlers.
        watcher.Tell(new ClientOpened(2, null!), router.Ref);
        Assert.Contains(nameof(PipeWatcher), (await errors.ExpectMsgAsync<Error>(Patience)).Cause.StackTrace);
        watcher.Tell(new ClientMessage(1, Opcode.Text, "after"u8.ToArray()), router.Ref);
        // Identify is answered in mailbox order: the watcher has handled everything before it.
        await watcher.Ask<ActorIdentity>(new Identify(null), Patience);

        Assert.Equal([StrictRecordEncoder.Open(1, "10.0.0.1"), [], StrictRecordEncoder.Message(1, Opcode.Text, "after"u8)], QueuedRecords.Drain(queue));
        Assert.False(router.HasMessages, "the restarted watcher subscribed again");
    }
}
