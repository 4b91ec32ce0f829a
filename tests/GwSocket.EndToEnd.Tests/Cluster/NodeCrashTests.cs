using System.Diagnostics;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;
using Xunit.Abstractions;

namespace GwSocket.EndToEnd.Tests.Cluster;

/// <summary>
/// kill -9 of node 1: the other watchers get closes for exactly its clients once the split brain resolver has downed
/// it, the other nodes keep serving their clients meanwhile, and node 1 restarted with its same command line rejoins
/// and serves new clients with fresh ids.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NodeCrashTests(ITestOutputHelper output)
{
    private const int ClientCount = 30;

    /// <summary>
    /// The bound the test holds the cluster to, what the shipped settings promise for clusters of up to 10 nodes: up to 1 s
    /// from the crash back to the last heartbeat, failure detection 4.5-6 s after it (longer while the detector's history
    /// of heartbeat intervals is short, as in this cluster killed seconds after it formed), a reaper tick, the split brain
    /// resolver's stable-after of 3 s and a leader tick.
    /// </summary>
    private static readonly TimeSpan CrashClosesBound = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task Kill_9_of_node_1_closes_exactly_its_clients_within_12_s_the_others_keep_receiving_and_node_1_restarted_serves_fresh_ids()
    {
        await using var cluster = await LoopbackCluster.StartAsync();
        var (node1, node2, node3) = (cluster[1], cluster[2], cluster[3]);
        var clients = await ClusterClients.ConnectAsync(cluster.Nginx.WebSocketUri, node3, ClientCount);
        var everId = clients.Select(client => client.Id).ToHashSet();
        var gone = clients.Where(client => cluster.OwnerOf(client.Id) == node1).ToList();
        var survivors = clients.Except(gone).ToList();
        var goneIds = gone.Select(client => client.Id).ToHashSet();
        Assert.True(gone.Count > 0 && survivors.Count > 0, $"nginx must spread the clients: {gone.Count} on n1, {survivors.Count} elsewhere");
        foreach (var watcher in cluster.Nodes)
        {
            await cluster.WaitAsync(() => EventSummary.OpenIds(watcher.Events.Records).Count >= ClientCount, $"{ClientCount} opens on {watcher.Name}'s pipe-out", Timeouts.Receive);
        }

        await node1.KillAsync();
        var sinceKill = Stopwatch.StartNew();

        // Node 1's clients lose their connection (nginx drops it) and get nothing more.
        await Task.WhenAll(gone.Select(ClusterClients.AssertConnectionEndsWithoutMessageAsync));

        // While node 1 is unreachable, not yet removed: the others keep delivering to their own clients, and
        // unicasts to node 1's clients reach nobody.
        await ClusterClients.WriteRecordsAsync(cluster, node2, [
            StrictRecord.TextFor(0, "while n1 is down"),
            .. gone.Select(client => StrictRecord.TextFor(client.Id, "to a client of the dead node")),
            .. survivors.Select(client => StrictRecord.TextFor(client.Id, $"only for {client.Id}")),
            StrictRecord.TextFor(0, "end 1"),
        ]);
        await ClusterClients.AssertEachReceivesAsync(survivors, client => ["while n1 is down", $"only for {client.Id}", "end 1"], "end 1");

        // The other watchers get closes for exactly node 1's clients, within the bound.
        var closedAfter = new Dictionary<string, TimeSpan>();
        await Task.WhenAll(new[] { node2, node3 }.Select(async watcher =>
        {
            await cluster.WaitAsync(() => goneIds.IsSubsetOf(EventSummary.CloseIds(watcher.Events.Records)),
                $"closes of n1's clients [{EventSummary.Ids(goneIds)}] on {watcher.Name}'s pipe-out", CrashClosesBound + TimeSpan.FromSeconds(30));
            lock (closedAfter)
            {
                closedAfter[watcher.Name] = sinceKill.Elapsed;
            }
        }));
        output.WriteLine($"kill -9 of n1 to the closes of its {gone.Count} clients: " +
            string.Join(", ", closedAfter.OrderBy(p => p.Key).Select(p => $"{p.Key}'s pipe-out {p.Value.TotalSeconds:F1} s")));
        Assert.All(closedAfter, p => Assert.True(p.Value <= CrashClosesBound,
            $"{p.Key}'s pipe-out got the closes {p.Value.TotalSeconds:F1} s after kill -9, more than {CrashClosesBound.TotalSeconds} s.{cluster.Diagnostics()}"));

        // Once node 1 is downed: still exactly one close per gone client, none for the others.
        await cluster.WaitAsync(() => node2.LoggedDowningOf(node1.Name) && node3.LoggedDowningOf(node1.Name), "n2 and n3 logging n1's downing", Timeouts.Receive);
        // What their operator reads: the crash in a few lines of the log format, with the count of clients closed.
        foreach (var watcher in new[] { node2, node3 })
        {
            var lines = watcher.Process.StandardError.Lines;
            LogLines.AssertTextFormat(lines, cluster.Diagnostics);
            Assert.Contains(lines, line => line.Contains($"node {node1.Name} at ", StringComparison.Ordinal) && line.Contains(" is unreachable", StringComparison.Ordinal));
            Assert.Contains(lines, line => line.EndsWith($"was downed; {gone.Count} of its clients closed", StringComparison.Ordinal));
            Assert.False(lines.Any(line => line.Contains("Disassociated", StringComparison.Ordinal) || line.Contains(" error: ", StringComparison.Ordinal)),
                $"{watcher.Name} logged Akka's association errors at info:{cluster.Diagnostics()}");
        }
        await ClusterClients.WriteRecordsAsync(cluster, node2, [
            StrictRecord.TextFor(0, "after n1 was removed"),
            .. gone.Select(client => StrictRecord.TextFor(client.Id, "to a client of the removed node")),
            .. survivors.Select(client => StrictRecord.TextFor(client.Id, $"again only for {client.Id}")),
            StrictRecord.TextFor(0, "end 2"),
        ]);
        await ClusterClients.AssertEachReceivesAsync(survivors, client => ["after n1 was removed", $"again only for {client.Id}", "end 2"], "end 2");
        foreach (var watcher in new[] { node2, node3 })
        {
            AssertClosedExactly(watcher, goneIds, everId);
        }

        // Node 1 restarted with its same command line rejoins; its pipe-out starts with the picture of the live clients.
        var oldSlot = gone[0].Slot;
        await cluster.RestartAsync(node1);
        output.WriteLine($"n1 rejoined {sinceKill.Elapsed.TotalSeconds:F1} s after kill -9; its slot was {oldSlot}, is now {node1.Slot}");
        var survivorIds = survivors.Select(client => client.Id).ToHashSet();
        await cluster.WaitAsync(() => EventSummary.OpenIds(node1.Events.Records).Count >= survivors.Count,
            $"opens of the {survivors.Count} live clients on the restarted n1's pipe-out", Timeouts.Receive);
        ClusterClients.AssertPicture(node1, survivorIds, closed: false);

        // New clients, straight to node 1 and through nginx, get fresh ids; node 3's pipe-out shows their opens.
        var direct = await ClusterClients.ConnectAsync(ClientWebSockets.LocalUri(node1.HttpPort), node3, 3);
        var throughNginx = await ClusterClients.ConnectAsync(cluster.Nginx.WebSocketUri, node3, 3);
        var newcomers = direct.Concat(throughNginx).ToList();
        Assert.All(direct, client => Assert.True(cluster.OwnerOf(client.Id) == node1, $"{client} connected to n1 but n1's slot is {node1.Slot}"));
        var reused = newcomers.Where(client => everId.Contains(client.Id)).ToList();
        Assert.True(reused.Count == 0 && newcomers.Select(c => c.Id).Distinct().Count() == newcomers.Count,
            $"new clients must get fresh ids: [{string.Join(", ", newcomers)}], already used: [{EventSummary.Ids(everId)}]");

        // The restarted node serves them: a unicast to each new client, and the closing broadcast reaches everyone alive.
        var alive = survivors.Concat(newcomers).ToList();
        await ClusterClients.WriteRecordsAsync(cluster, node2,
            [.. newcomers.Select(client => StrictRecord.TextFor(client.Id, $"welcome {client.Id}")), StrictRecord.TextFor(0, "end 3")]);
        await ClusterClients.AssertEachReceivesAsync(alive, client => newcomers.Contains(client) ? [$"welcome {client.Id}", "end 3"] : ["end 3"], "end 3");

        await ClusterClients.CloseAllAsync(alive);
        var aliveIds = alive.Select(client => client.Id).ToHashSet();
        await cluster.WaitAsync(() => aliveIds.IsSubsetOf(EventSummary.CloseIds(node3.Events.Records)), "closes of every live client on n3's pipe-out", Timeouts.Receive);
        var allIds = everId.Concat(newcomers.Select(client => client.Id)).ToHashSet();
        AssertClosedExactly(node3, allIds, allIds);
        ClusterClients.DisposeAll(clients.Concat(newcomers));
    }

    /// <summary>
    /// Checks that the watcher saw an open for each of <paramref name="opened"/>, a close for exactly
    /// <paramref name="closed"/> (each once, after its open), and nothing about any other client.
    /// </summary>
    private static void AssertClosedExactly(ClusterNode watcher, IReadOnlySet<uint> closed, IReadOnlySet<uint> opened)
    {
        var records = watcher.Events.Records;
        var opens = EventSummary.OpenIds(records);
        var closes = EventSummary.CloseIds(records);
        var picture = $"{watcher.Name}'s pipe-out: {EventSummary.Of(records)}";
        Assert.True(opens.Count == opened.Count && opens.ToHashSet().SetEquals(opened), $"expected one open for each of [{EventSummary.Ids(opened)}]; {picture}");
        Assert.True(closes.Count == closed.Count && closes.ToHashSet().SetEquals(closed), $"expected one close for each of [{EventSummary.Ids(closed)}] and no other; {picture}");
        foreach (var id in closed)
        {
            Assert.True(records.FindIndex(r => r.Type == StrictRecord.Open && r.ClientId == id) < records.FindIndex(r => r.Type == StrictRecord.Close && r.ClientId == id),
                $"client {id}'s close came before its open; {picture}");
        }
    }
}
