using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.Cluster;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;
using Xunit.Abstractions;

namespace GwSocket.EndToEnd.Tests.NetworkPipe;

/// <summary>
/// <c>gwsocket pipe --events</c> through nginx across a reconnection to another node: its stdout stays one consistent
/// pipe-out stream, with no second open for a client still open, a close for every client that left while it was away
/// (also those of its killed node) and an open for every client that came.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WatcherReconnectionTests(ITestOutputHelper output) : IDisposable
{
    private readonly PipeToken _token = new();

    public void Dispose() => _token.Dispose();

    [Fact]
    public async Task After_its_node_is_killed_the_watcher_writes_the_closes_and_opens_it_missed_and_no_open_twice()
    {
        await using var cluster = await LoopbackCluster.StartAsync("--strict", _token.Option);
        var events = Path.Combine(_token.Directory, "events");
        await using var watcher = PipeCommandProcess.Start("sleep 600",
            ["--events", $"ws://127.0.0.1:{cluster.Nginx.Port}/gwsocket/pipe", $"--token-file={_token.FilePath}"], "> \"$1\"", events);
        await cluster.WaitAsync(() => cluster.Nodes.Count(IsWatchersNode) == 1, "the watcher connected to one node", Timeouts.Receive);
        var victim = cluster.Nodes.Single(IsWatchersNode);
        var survivors = cluster.Nodes.Where(node => node != victim).ToList();
        // Ids as the first survivor's own pipe-out gives them (it shows the whole cluster).
        var ids = survivors[0];
        var stays = await ConnectOneAsync(survivors[0], ids);
        var leaves = await ConnectOneAsync(survivors[1], ids);
        var dies = await ConnectOneAsync(victim, ids);
        await cluster.WaitAsync(() => Written(events).Count(record => record.Type == StrictRecord.Open) == 3,
            $"the three opens in the watcher's stdout; its stderr: {watcher.StandardError.Text}", Timeouts.Receive);

        // The watcher is cut off, and cannot come back before nginx does: meanwhile one client leaves, one comes, and its node dies.
        ClusterClient? comes = null;
        await cluster.WithNginxDownAsync(async () =>
        {
            await cluster.WaitAsync(() => watcher.StandardError.Text.Contains("reconnecting", StringComparison.Ordinal), "the watcher lost its connection", Timeouts.Receive);
            await ClusterClients.CloseAllAsync([leaves]);
            comes = await ConnectOneAsync(survivors[1], ids);
            await victim.KillAsync();
            await cluster.WaitAsync(() => EventSummary.CloseIds(ids.Events.Records).Contains(leaves.Id), "the leaving client's close", Timeouts.Receive);
        });
        await cluster.WaitAsync(() => watcher.StandardError.Text.Contains("events resumed", StringComparison.Ordinal),
            $"the watcher reconnected through nginx; its stderr: {watcher.StandardError.Text}", TimeSpan.FromSeconds(30));

        // Live again: a message from the client that stayed, and (at the latest when the cluster downs it) the dead node's client's close.
        await stays.Socket.SendMessageAsync(WebSocketMessageType.Text, "after"u8.ToArray());
        await cluster.WaitAsync(() => Written(events).Contains(StrictRecord.TextFor(stays.Id, "after")) && Written(events).Contains(StrictRecord.CloseOf(dies.Id)),
            $"the message after the reconnection and the dead node's client's close; the watcher's stderr: {watcher.StandardError.Text}", TimeSpan.FromSeconds(30));

        var written = Written(events);
        Assert.Equal([StrictRecord.Open, StrictRecord.Text], TypesOf(written, stays.Id));
        Assert.Equal([StrictRecord.Open, StrictRecord.Close], TypesOf(written, leaves.Id));
        Assert.Equal([StrictRecord.Open, StrictRecord.Close], TypesOf(written, dies.Id));
        Assert.Equal([StrictRecord.Open], TypesOf(written, comes!.Id));
        Assert.True(written.Count == 7, $"the watcher wrote [{string.Join(", ", written)}]");
        output.WriteLine(watcher.StandardError.Text);
        ClusterClients.DisposeAll([stays, comes, dies]);

        static bool IsWatchersNode(ClusterNode node) => node.Process.StandardError.Text.Contains(" connected (producer and watcher)", StringComparison.Ordinal);
    }

    private static async Task<ClusterClient> ConnectOneAsync(ClusterNode node, ClusterNode ids) =>
        (await ClusterClients.ConnectAsync(ClientWebSockets.LocalUri(node.HttpPort), ids, 1))[0];

    private static List<StrictRecord> Written(string file) => File.Exists(file) ? StrictRecord.Parse(File.ReadAllBytes(file)).Records : [];

    private static List<uint> TypesOf(List<StrictRecord> records, uint clientId) =>
        records.Where(record => record.ClientId == clientId).Select(record => record.Type).ToList();
}
