using Akka.Actor;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Telemetry;
using GwSocket.Actors.Tests.Routing;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>Several nodes in one process count each for itself: a node's figures are its own, not the process's.</summary>
public sealed class NodeCountersTests(ITestOutputHelper output) : MultiNodeTestKit(output)
{
    [Fact]
    public async Task Three_nodes_in_one_process_read_three_separate_sets_of_figures()
    {
        // Without cluster events, the only batches between the routers are the broadcast's frames.
        var nodes = await StartClusterAsync(3, clusterEvents: false);
        var clients = new List<Client>();
        foreach (var node in nodes)
            clients.Add(await ConnectAsync(node));

        nodes[0].Router.Tell(PipeInBatches.Broadcast(Frames.Labelled("to everyone")), ActorRefs.NoSender);
        foreach (var client in clients)
            Assert.Equal("to everyone", await client.Probe.ExpectFrameAsync(Delivery));

        var traffic = nodes.Select(node => GwSocketBroker.Get(node.System).Counters.ClusterTraffic.Snapshot()).ToArray();
        Assert.Equal(new ClusterTraffic(BatchesSent: 2, BatchesReceived: 0, EntriesSent: 2, EntriesReceived: 0), traffic[0]);
        Assert.Equal(new ClusterTraffic(BatchesSent: 0, BatchesReceived: 1, EntriesSent: 0, EntriesReceived: 1), traffic[1]);
        Assert.Equal(new ClusterTraffic(BatchesSent: 0, BatchesReceived: 1, EntriesSent: 0, EntriesReceived: 1), traffic[2]);
        Assert.Equal(3, nodes.Select(node => GwSocketBroker.Get(node.System).Counters).Distinct().Count());
    }
}
