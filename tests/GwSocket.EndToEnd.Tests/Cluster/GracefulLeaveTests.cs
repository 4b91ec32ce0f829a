using System.Diagnostics;
using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;
using Xunit.Abstractions;

namespace GwSocket.EndToEnd.Tests.Cluster;

/// <summary>SIGTERM to a node: it leaves gracefully, its clients get close 1001 and every other watcher gets their closes at once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GracefulLeaveTests(ITestOutputHelper output)
{
    private const int ClientCount = 30;

    /// <summary>"At once": no failure detection, no split brain resolver; the margin is for a loaded machine.</summary>
    private static readonly TimeSpan LeaveClosesBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sigterm_of_node_1_closes_its_clients_with_1001_and_the_other_watchers_get_exactly_their_closes_within_10_s()
    {
        await using var cluster = await LoopbackCluster.StartAsync();
        var (node1, node2, node3) = (cluster[1], cluster[2], cluster[3]);
        var clients = await ClusterClients.ConnectAsync(cluster.Nginx.WebSocketUri, node3, ClientCount);
        var ids = clients.Select(client => client.Id).ToHashSet();
        var leaving = clients.Where(client => cluster.OwnerOf(client.Id) == node1).ToList();
        var staying = clients.Except(leaving).ToList();
        var leavingIds = leaving.Select(client => client.Id).ToHashSet();
        Assert.True(leaving.Count > 0 && staying.Count > 0, $"nginx must spread the clients: {leaving.Count} on n1, {staying.Count} elsewhere");
        foreach (var watcher in cluster.Nodes)
        {
            await cluster.WaitAsync(() => EventSummary.OpenIds(watcher.Events.Records).Count >= ClientCount, $"{ClientCount} opens on {watcher.Name}'s pipe-out", Timeouts.Receive);
        }

        node1.Terminate();
        var sinceSignal = Stopwatch.StartNew();

        // Node 1's clients get close 1001 (going away), through nginx.
        await Task.WhenAll(leaving.Select(client => client.Socket.ReceiveCloseAsync(WebSocketCloseStatus.EndpointUnavailable)));

        // Every other watcher gets their closes, promptly.
        var closedAfter = new Dictionary<string, TimeSpan>();
        await Task.WhenAll(new[] { node2, node3 }.Select(async watcher =>
        {
            await cluster.WaitAsync(() => leavingIds.IsSubsetOf(EventSummary.CloseIds(watcher.Events.Records)),
                $"closes of n1's clients [{EventSummary.Ids(leavingIds)}] on {watcher.Name}'s pipe-out", LeaveClosesBound + TimeSpan.FromSeconds(20));
            lock (closedAfter)
            {
                closedAfter[watcher.Name] = sinceSignal.Elapsed;
            }
        }));
        output.WriteLine($"SIGTERM of n1 to the closes of its {leaving.Count} clients: " +
            string.Join(", ", closedAfter.OrderBy(p => p.Key).Select(p => $"{p.Key}'s pipe-out {p.Value.TotalSeconds:F1} s")));
        Assert.All(closedAfter, p => Assert.True(p.Value <= LeaveClosesBound,
            $"{p.Key}'s pipe-out got the closes {p.Value.TotalSeconds:F1} s after SIGTERM, more than {LeaveClosesBound.TotalSeconds} s.{cluster.Diagnostics()}"));

        // Node 1 exits cleanly, its own pipe-out closed each of its clients; once the others have removed it, their
        // watchers still have exactly one close per leaving client and none for the others.
        Assert.Equal(0, await node1.Process.WaitForExitAsync(Timeouts.Exit));
        foreach (var id in leavingIds)
        {
            Assert.True(EventSummary.CloseIds(node1.Events.Records).Count(closed => closed == id) == 1,
                $"n1's own pipe-out must close client {id} once: {EventSummary.Of(node1.Events.Records)}");
        }

        await cluster.WaitAsync(() => node2.LoggedRemovalOf(node1.Name) && node3.LoggedRemovalOf(node1.Name), "n2 and n3 logging n1's removal", Timeouts.Receive);
        foreach (var watcher in new[] { node2, node3 })
        {
            var records = watcher.Events.Records;
            var closes = EventSummary.CloseIds(records);
            Assert.True(closes.Count == leavingIds.Count && closes.ToHashSet().SetEquals(leavingIds),
                $"expected one close for each of [{EventSummary.Ids(leavingIds)}] and no other; {watcher.Name}'s pipe-out: {EventSummary.Of(records)}");
            Assert.True(EventSummary.OpenIds(records).ToHashSet().SetEquals(ids), $"{watcher.Name}'s pipe-out: {EventSummary.Of(records)}");
        }

        // The clients of nodes 2 and 3 are still served.
        await ClusterClients.WriteRecordsAsync(cluster, node2,
            [StrictRecord.TextFor(0, "after n1 left"), .. staying.Select(client => StrictRecord.TextFor(client.Id, $"only for {client.Id}")), StrictRecord.TextFor(0, "end")]);
        await ClusterClients.AssertEachReceivesAsync(staying, client => ["after n1 left", $"only for {client.Id}", "end"], "end");

        await ClusterClients.CloseAllAsync(staying);
        ClusterClients.DisposeAll(clients);
    }
}
