using Akka.Actor;
using Akka.TestKit;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Tests.Routing;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>A node that goes away takes its clients with it: every watcher gets their closes, never a ghost; the others keep serving.</summary>
public sealed class NodeDepartureTests(ITestOutputHelper output) : MultiNodeTestKit(output)
{
    [Fact]
    public async Task Node_that_leaves_gracefully_gets_all_its_clients_closed_on_every_other_node()
    {
        var nodes = await StartClusterAsync(3);
        var (watchers, leaving) = await WatchedClientsOfNode3Async(nodes);

        await LeaveAsync(nodes[2]);

        foreach (var watcher in watchers)
            await ExpectClosesOfExactlyAsync(watcher, leaving);
        await AssertStillServingAsync(nodes[0], nodes[1]);
    }

    [Fact]
    public async Task Node_that_crashes_and_is_downed_gets_all_its_clients_closed_on_every_other_node()
    {
        var nodes = await StartClusterAsync(3);
        var (watchers, crashed) = await WatchedClientsOfNode3Async(nodes);
        var address = nodes[2].Address;

        await TerminateAsync(nodes[2]);
        nodes[0].Cluster.Down(address);

        foreach (var watcher in watchers)
            await ExpectClosesOfExactlyAsync(watcher, crashed);
        await AwaitMembersAsync(nodes[..2], 2);
        await AssertStillServingAsync(nodes[0], nodes[1]);
    }

    [Fact]
    public async Task Node_that_crashes_is_downed_by_the_split_brain_resolver_and_its_clients_closed_without_manual_steps()
    {
        var nodes = await StartClusterAsync(3);
        var (watchers, crashed) = await WatchedClientsOfNode3Async(nodes);

        await TerminateAsync(nodes[2]);

        // Unreachable after the failure detector's pause, downed by keep-majority once stable, then removed.
        foreach (var watcher in watchers)
            await ExpectClosesOfExactlyAsync(watcher, crashed);
        await AwaitMembersAsync(nodes[..2], 2);
        await AssertStillServingAsync(nodes[0], nodes[1]);
    }

    [Fact]
    public async Task Unicasts_for_clients_of_an_unreachable_node_are_dropped_and_counted_and_others_still_served()
    {
        var nodes = await StartClusterAsync(3);
        var lost = await ConnectAsync(nodes[2]);
        var survivor = await ConnectAsync(nodes[1]);

        await TerminateAsync(nodes[2]);

        // Until the router has heard that node 3 is unreachable, frames for it go out into the void; then they are counted.
        await AwaitAssertAsync(async () =>
        {
            nodes[0].Router.Tell(PipeInBatches.Unicast(lost.Id, Frames.Labelled("lost")), ActorRefs.NoSender);
            Assert.True((await CountersAsync(nodes[0])).UndeliveredToUnreachableNodes > 0);
        }, Convergence, TimeSpan.FromMilliseconds(250));
        nodes[0].Router.Tell(PipeInBatches.Unicast(survivor.Id, Frames.Labelled("still here")), ActorRefs.NoSender);
        Assert.Equal("still here", await survivor.Probe.ExpectFrameAsync(Delivery));
    }

    [Fact]
    public async Task Unicast_for_a_client_of_a_removed_node_is_dropped_and_counted()
    {
        var nodes = await StartClusterAsync(3);
        var lost = await ConnectAsync(nodes[2]);
        var address = nodes[2].Address;
        await TerminateAsync(nodes[2]);
        nodes[0].Cluster.Down(address);
        await AwaitMembersAsync(nodes[..2], 2);
        await AwaitAssertAsync(async () => Assert.Equal(1, (await CountersAsync(nodes[0])).Peers), Convergence);
        var before = await CountersAsync(nodes[0]);

        nodes[0].Router.Tell(PipeInBatches.Unicast(lost.Id, Frames.Labelled("too late")), ActorRefs.NoSender);

        var after = await CountersAsync(nodes[0]);
        Assert.Equal(before.UnicastsToUnknownClients + 1, after.UnicastsToUnknownClients);
        Assert.Equal(before.UndeliveredToUnreachableNodes, after.UndeliveredToUnreachableNodes);
    }

    /// <summary>Three clients on node 3, and a subscriber on nodes 1 and 2 that has seen their opens.</summary>
    private async Task<(TestProbe[] Watchers, HashSet<uint> Node3Clients)> WatchedClientsOfNode3Async(ClusterNode[] nodes)
    {
        TestProbe[] watchers = [Subscribe(nodes[0]), Subscribe(nodes[1])];
        await ConnectAsync(nodes[0]);
        var node3Clients = (await ConnectAsync(nodes[2], 3)).Select(client => client.Id).ToHashSet();
        foreach (var watcher in watchers)
            await ReceiveEventsAsync(watcher, 1 + node3Clients.Count);
        return (watchers, node3Clients);
    }

    private static async Task ExpectClosesOfExactlyAsync(TestProbe watcher, HashSet<uint> clientIds)
    {
        var closes = new List<uint>();
        for (var i = 0; i < clientIds.Count; i++)
            closes.Add((await watcher.ExpectMsgAsync<ClientClosed>(Convergence)).ClientId);
        await watcher.ExpectNoMsgAsync(Silence);
        Assert.Equal(clientIds.Order(), closes.Order());
    }

    private async Task AssertStillServingAsync(ClusterNode first, ClusterNode second)
    {
        var onFirst = await ConnectAsync(first);
        var onSecond = await ConnectAsync(second);

        first.Router.Tell(PipeInBatches.Broadcast(Frames.Labelled("after")), ActorRefs.NoSender);
        second.Router.Tell(PipeInBatches.Unicast(onFirst.Id, Frames.Labelled("direct")), ActorRefs.NoSender);

        Assert.Equal("after", await onSecond.Probe.ExpectFrameAsync(Delivery));
        var received = new[] { await onFirst.Probe.ExpectFrameAsync(Delivery), await onFirst.Probe.ExpectFrameAsync(Delivery) };
        Assert.Equal(["after", "direct"], received.Order());
    }
}
