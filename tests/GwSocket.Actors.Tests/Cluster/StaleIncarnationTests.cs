using Akka.Actor;
using Akka.Configuration;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Tests.Routing;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>
/// A node removed from the cluster whose process lingers (its shutdown phases still running) leaks
/// nothing into the broker, not even once a new incarnation comes back at the same address (docker
/// restarts keep host and port): no ghost client for the watchers, no stale frame for the clients.
/// </summary>
public sealed class StaleIncarnationTests(ITestOutputHelper output) : MultiNodeTestKit(output)
{
    private static readonly Config KeepSystemAfterLeaving =
        ConfigurationFactory.ParseString("akka.coordinated-shutdown.terminate-actor-system = off");

    [Fact]
    public async Task A_removed_node_whose_process_lingers_leaks_no_client_or_frame_even_when_its_address_rejoins()
    {
        var first = (await StartClusterAsync(1))[0];
        // Its system outlives its removal, as a process does while its shutdown phases run.
        var leaving = StartNode(NodeSettings("node-2", true), overrides: KeepSystemAfterLeaving);
        await AwaitConvergedAsync(Nodes);
        var watcher = Subscribe(first);
        var listener = await ConnectAsync(first);
        await watcher.ExpectMsgAsync<ClientOpened>(Delivery);
        var port = leaving.Address.Port!.Value;

        await leaving.Cluster.LeaveAsync().WaitAsync(Convergence);
        await AwaitMembersAsync([first], 1);
        await AwaitAssertAsync(async () => Assert.Equal(0, (await CountersAsync(first)).Peers), Convergence);

        // The removed node's process still runs: a client connects there and its producer writes.
        await ConnectAsync(leaving);
        leaving.Router.Tell(PipeInBatches.Broadcast(Frames.Labelled("stale")), ActorRefs.NoSender);
        await CountersAsync(leaving);
        await SendOverTheSameConnectionAsync(from: leaving, to: first);
        await CountersAsync(first);
        await TerminateAsync(leaving);

        var restarted = StartNode(NodeSettings("node-2", true), port);
        await AwaitConvergedAsync([first, restarted]);
        var fresh = await ConnectAsync(restarted);
        restarted.Router.Tell(PipeInBatches.Broadcast(Frames.Labelled("fresh")), ActorRefs.NoSender);

        Assert.Equal("fresh", await listener.Probe.ExpectFrameAsync(Delivery));
        var opened = await watcher.ExpectMsgAsync<IClientEvent>(Delivery);
        Assert.Equal(new ClientOpened(fresh.Id, "192.0.2.1"), opened);
        await watcher.ExpectNoMsgAsync(Silence);
    }

    /// <summary>
    /// A message from one node's probe to the other's crosses the same connection as the router's
    /// batches, after them: once it has arrived, so have they.
    /// </summary>
    private async Task SendOverTheSameConnectionAsync(ClusterNode from, ClusterNode to)
    {
        var receiver = CreateTestProbe(to.System);
        var sender = CreateTestProbe(from.System);
        var remoteReceiver = await from.System.ActorSelection(new RootActorPath(to.Address) / receiver.Ref.Path.Elements)
            .ResolveOne(Delivery);
        sender.Send(remoteReceiver, "barrier");
        await receiver.ExpectMsgAsync("barrier", Delivery);
    }
}
