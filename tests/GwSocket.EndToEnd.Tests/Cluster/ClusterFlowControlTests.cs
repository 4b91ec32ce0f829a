using GwSocket.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static GwSocket.EndToEnd.Tests.FlowControl.SequencedBroadcasts;

namespace GwSocket.EndToEnd.Tests.Cluster;

/// <summary>
/// Flow control across nodes: a producer writing flat out into node 1's pipe-in is slowed by the readers of nodes 2
/// and 3 too (the routers grant each other credit), so readers anywhere lose nothing, and a client that never reads,
/// on another node, holds everyone back for at most the delay limit before the slow-client policy applies to it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterFlowControlTests(ITestOutputHelper output)
{
    private const int Readers = 30;
    private const int RecordSize = 1024;

    /// <summary>20 MB per client (a loopback connection through nginx holds several MB before its client is seen stalled): without credit between the nodes, what node 1 reads while the stalled client holds its node back overflows that node's readers' 2 MiB queues.</summary>
    private const int Records = 20000;

    /// <summary>slow-clients.max-delay, the nodes' default: how long the stalled client may hold the producer back.</summary>
    private static readonly TimeSpan DelayLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_producer_on_node_1_writing_flat_out_is_slowed_by_every_node_s_readers_who_get_every_record_in_order_while_a_stalled_client_on_another_node_gets_the_policy()
    {
        await using var cluster = await LoopbackCluster.StartAsync();
        var readers = await ClusterClients.ConnectAsync(cluster.Nginx.WebSocketUri, cluster[1], Readers);
        var (stalled, stalledId) = await ConnectStalledClientAwayFromNode1Async(cluster);
        var stalledNode = cluster.OwnerOf(stalledId);
        var perNode = cluster.Nodes.ToDictionary(node => node.Name, node => readers.Count(reader => cluster.OwnerOf(reader.Id) == node));
        output.WriteLine($"readers per node: {string.Join(", ", perNode.Select(p => $"{p.Key} {p.Value}"))}; stalled client {stalledId} on {stalledNode.Name}");
        Assert.True(perNode.Values.All(count => count >= 1), $"every node must have readers: {string.Join(", ", perNode)}");

        var received = new long[readers.Count];
        var reading = readers.Select((reader, index) =>
            ReadInOrderAsync(reader.Socket, Records, RecordSize, DelayLimit, count => Volatile.Write(ref received[index], count))).ToArray();
        var started = DateTime.UtcNow;
        await using (var producer = new FileStream(cluster[1].PipeIn, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0))
        {
            var producing = ProduceAsync(producer, 0, Records, RecordSize);
            try
            {
                await Task.WhenAll([producing, .. reading]);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"a reader did not get every record in order: {e.Message}{cluster.Diagnostics()}", e);
            }
        }

        var elapsed = DateTime.UtcNow - started;
        var drops = await OpsHttp.ScrapeUntilAsync(stalledNode.HttpPort,
            metrics => metrics.Value("gwsocket_drops_total", ("reason", "slow_client")) > 0, $"the stalled client's drops counted on {stalledNode.Name}");
        output.WriteLine($"{Records} records of {RecordSize} B to {readers.Count} readers in {elapsed.TotalSeconds:F1} s; " +
            $"{drops.Value("gwsocket_drops_total", ("reason", "slow_client"))} dropped for the stalled client");
        Assert.Contains(stalledNode.Process.StandardError.Lines, line => line.Contains($"client {stalledId} ", StringComparison.Ordinal)
            && line.Contains("has had messages waiting longer than the delay limit", StringComparison.Ordinal));

        await CloseAllAsync(readers.Select(reader => reader.Socket));
        await stalled.DisposeAsync();
    }

    /// <summary>
    /// A client that never reads, with a small receive buffer so that it stalls within its node's queue bound rather than
    /// in the kernel's buffers, connected through nginx until one lands on node 2 or 3 (those on node 1 are let go).
    /// </summary>
    private static async Task<(RawWebSocket Client, uint Id)> ConnectStalledClientAwayFromNode1Async(LoopbackCluster cluster)
    {
        for (var attempt = 0; attempt < 2 * cluster.Nodes.Count; attempt++)
        {
            var opensSeen = EventSummary.OpenIds(cluster[1].Events.Records).Count;
            var connection = await RawConnection.OpenTcpWithSmallReceiveBufferAsync(cluster.Nginx.Port, 4096);
            var client = await RawWebSocket.UpgradeAsync(connection, UpgradeRequest.Valid("/"));
            var id = await cluster[1].Events.NextOpenAsync(opensSeen);
            if (cluster.OwnerOf(id) != cluster[1])
            {
                return (client, id);
            }

            await client.DisposeAsync();
        }

        throw new InvalidOperationException($"nginx sent every new client to node 1.{cluster.Diagnostics()}");
    }
}
