using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;
using Xunit.Abstractions;

namespace GwSocket.EndToEnd.Tests.Cluster;

/// <summary>
/// Three gwsocket nodes behind nginx act as one broker: clients land on any node, a producer writes into node 2's
/// FIFO, every watcher (node 1, 2 and 3's pipe-outs, events=cluster) sees every client exactly once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterBrokerTests(ITestOutputHelper output)
{
    private const int ClientCount = 30;

    [Fact]
    public async Task Thirty_clients_through_nginx_spread_over_the_nodes_get_broadcasts_and_unicasts_from_node_2_and_every_watcher_sees_them_open_and_close()
    {
        await using var cluster = await LoopbackCluster.StartAsync();

        // Node 3's pipe-out names each client as it connects.
        var clients = await ClusterClients.ConnectAsync(cluster.Nginx.WebSocketUri, cluster[3], ClientCount);
        var ids = clients.Select(client => client.Id).ToList();
        Assert.True(ids.Distinct().Count() == ClientCount && !ids.Contains(0u), $"ids must be distinct and non-zero: [{EventSummary.Ids(ids)}]");
        var perNode = cluster.Nodes.ToDictionary(node => node.Name, node => clients.Count(client => cluster.OwnerOf(client.Id) == node));
        output.WriteLine($"clients per node through nginx: {string.Join(", ", perNode.Select(p => $"{p.Key} {p.Value}"))}");
        Assert.True(perNode.Values.All(count => count >= 1), $"every node must have clients: {string.Join(", ", perNode)}");

        // events=cluster: every watcher has exactly one open per client, wherever it connected.
        foreach (var watcher in cluster.Nodes)
        {
            await cluster.WaitAsync(() => EventSummary.OpenIds(watcher.Events.Records).Count >= ClientCount, $"{ClientCount} opens on {watcher.Name}'s pipe-out", Timeouts.Receive);
            ClusterClients.AssertPicture(watcher, ids, closed: false);
        }

        // A broadcast written into node 2's FIFO reaches all 30.
        await ClusterClients.WriteRecordsAsync(cluster, cluster[2], [StrictRecord.TextFor(0, "to everyone")]);
        await ClusterClients.AssertEachReceivesAsync(clients, _ => ["to everyone"], "to everyone");

        // A unicast to each id reaches exactly its client; the closing broadcast shows nothing else came.
        await ClusterClients.WriteRecordsAsync(cluster, cluster[2],
            [.. clients.Select(client => StrictRecord.TextFor(client.Id, $"only for {client.Id}")), StrictRecord.TextFor(0, "end")]);
        await ClusterClients.AssertEachReceivesAsync(clients, client => [$"only for {client.Id}", "end"], "end");

        // The clients leave: every watcher gets each one's close, once, after its open.
        await ClusterClients.CloseAllAsync(clients);
        foreach (var watcher in cluster.Nodes)
        {
            await cluster.WaitAsync(() => EventSummary.CloseIds(watcher.Events.Records).Count >= ClientCount, $"{ClientCount} closes on {watcher.Name}'s pipe-out", Timeouts.Receive);
            ClusterClients.AssertPicture(watcher, ids, closed: true);
        }

        ClusterClients.DisposeAll(clients);
    }
}
