using Akka.Actor;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Tests.Routing;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>A crashed node restarted on its old port is a new incarnation: it rejoins by itself and hands out ids no live client has.</summary>
public sealed class NodeRestartTests(ITestOutputHelper output) : MultiNodeTestKit(output)
{
    [Fact]
    public async Task Node_restarted_on_the_same_port_rejoins_and_its_new_clients_collide_with_no_live_id()
    {
        var nodes = await StartClusterAsync(3);
        var live = new List<Client>();
        live.AddRange(await ConnectAsync(nodes[0], 3));
        live.AddRange(await ConnectAsync(nodes[1], 3));
        var old = await ConnectAsync(nodes[2], 3);
        var watcher = Subscribe(nodes[0]);
        await ReceiveEventsAsync(watcher, live.Count + old.Length);
        var port = nodes[2].Address.Port!.Value;
        var oldIncarnation = nodes[2].UniqueAddress;

        await TerminateAsync(nodes[2]);
        var restarted = StartNode(NodeSettings("node-3", true), port);

        // Nobody downs the old incarnation: the new one's join makes the cluster remove it.
        for (var i = 0; i < old.Length; i++)
            Assert.Contains((await watcher.ExpectMsgAsync<ClientClosed>(Convergence)).ClientId, old.Select(client => client.Id));
        await AwaitConvergedAsync([nodes[0], nodes[1], restarted]);
        Assert.NotEqual(oldIncarnation, restarted.UniqueAddress);
        Assert.Equal(oldIncarnation.Address, restarted.Address);

        var fresh = await ConnectAsync(restarted, 5);
        var liveIds = live.Concat(fresh).Select(client => client.Id).ToList();
        Assert.Equal(liveIds.Count, liveIds.Distinct().Count());
        Assert.DoesNotContain(0u, liveIds);

        var opened = await ReceiveEventsAsync(watcher, fresh.Length);
        Assert.Equal(fresh.Select(client => client.Id).Order(), opened.Select(e => Assert.IsType<ClientOpened>(e).ClientId).Order());
        nodes[1].Router.Tell(PipeInBatches.Unicast(fresh[0].Id, Frames.Labelled("welcome back")), ActorRefs.NoSender);
        Assert.Equal("welcome back", await fresh[0].Probe.ExpectFrameAsync(Delivery));
    }
}
