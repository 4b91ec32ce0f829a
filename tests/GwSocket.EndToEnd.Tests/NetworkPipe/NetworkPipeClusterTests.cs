using System.Net.WebSockets;
using System.Text;
using GwSocket.EndToEnd.Tests.Cluster;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;
using Xunit.Abstractions;

namespace GwSocket.EndToEnd.Tests.NetworkPipe;

/// <summary>
/// The network pipe of three nodes behind the real nginx (deploy/nginx.conf): producers and watchers reach the cluster
/// through nginx, so they land on any node, with the same guarantees as a node's FIFOs.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NetworkPipeClusterTests(ITestOutputHelper output) : IDisposable
{
    private const int ClientCount = 9;

    private readonly PipeToken _token = new();

    public void Dispose() => _token.Dispose();

    [Fact]
    public async Task A_producer_through_nginx_reaches_clients_on_every_node_and_a_watcher_through_nginx_sees_every_event_once()
    {
        await using var cluster = await LoopbackCluster.StartAsync("--strict", _token.Option);
        using var watcher = await NetworkWatcher.ConnectAsync(cluster.Nginx.Port, _token.Secret);
        var clients = await ClusterClients.ConnectAsync(cluster.Nginx.WebSocketUri, cluster[1], ClientCount);
        var ids = clients.Select(client => client.Id).ToList();
        Assert.True(cluster.Nodes.All(node => clients.Any(client => cluster.OwnerOf(client.Id) == node)), $"every node must have clients: [{EventSummary.Ids(ids)}]");

        using var producer = await PipeSockets.ConnectAsync(cluster.Nginx.Port, _token.Secret);
        var records = new List<StrictRecord>();
        for (var i = 0; i < 50; i++)
        {
            records.Add(StrictRecord.TextFor(0, $"all {i}"));
            records.AddRange(clients.Select(client => StrictRecord.TextFor(client.Id, $"{client.Id} {i}")));
        }

        records.Add(StrictRecord.TextFor(0, "end"));
        var stream = StrictRecord.Pack([.. records]);
        for (var offset = 0; offset < stream.Length; offset += 1000)
        {
            await producer.SendAsync(stream[offset..Math.Min(stream.Length, offset + 1000)]);
        }

        await ClusterClients.AssertEachReceivesAsync(clients,
            client => records.Where(r => r.ClientId is 0 || r.ClientId == client.Id).Select(r => Encoding.UTF8.GetString(r.Payload)).ToList(), "end");

        // Every client says something and leaves: the watcher sees, per client, its open, its message and its close, once each, in that order.
        foreach (var client in clients)
        {
            await client.Socket.SendMessageAsync(WebSocketMessageType.Text, Encoding.UTF8.GetBytes($"from {client.Id}"));
        }

        await ClusterClients.CloseAllAsync(clients);
        await cluster.WaitAsync(() => EventSummary.CloseIds(watcher.Records).Count >= ClientCount, $"{ClientCount} closes at the network watcher", Timeouts.Receive);
        var seen = watcher.Records;
        foreach (var client in clients)
        {
            var own = seen.Where(r => r.ClientId == client.Id).ToList();
            Assert.True(own.Count == 3 && own[0].Type == StrictRecord.Open && own[1].Equals(StrictRecord.TextFor(client.Id, $"from {client.Id}")) && own[2].Type == StrictRecord.Close,
                $"{client}: the watcher saw [{string.Join(", ", own)}]");
        }

        Assert.Equal(3 * ClientCount, seen.Count);
        ClusterClients.DisposeAll(clients);
    }

    [Fact]
    public async Task Two_producers_on_different_nodes_each_keep_their_order_over_10000_records_and_nothing_mixes_inside_a_record()
    {
        const int RecordsEach = 10_000;
        await using var cluster = await LoopbackCluster.StartAsync("--strict", _token.Option);
        var clients = await ClusterClients.ConnectAsync(cluster.Nginx.WebSocketUri, cluster[1], 3);
        using var first = await PipeSockets.ConnectAsync(cluster[1].HttpPort, _token.Secret);
        using var second = await PipeSockets.ConnectAsync(cluster[2].HttpPort, _token.Secret);

        // Both write flat out, in messages that cut records anywhere; payloads are long enough that interleaved bytes would show.
        await Task.WhenAll(ProduceAsync(first, "A", clients, RecordsEach), ProduceAsync(second, "B", clients, RecordsEach));

        var received = await Task.WhenAll(clients.Select(client => ReceiveFromBothAsync(client, RecordsEach / clients.Count + 1)));
        for (var c = 0; c < clients.Count; c++)
        {
            foreach (var producer in (string[])["A", "B"])
            {
                var expected = Enumerable.Range(0, RecordsEach).Where(i => i % clients.Count == c).Select(i => Payload(producer, i)).Append($"{producer} end").ToList();
                var got = received[c].Where(text => text.StartsWith(producer, StringComparison.Ordinal)).ToList();
                Assert.True(expected.SequenceEqual(got), $"{clients[c]}: from producer {producer}, {got.Count} messages, first difference at " +
                    $"{expected.Zip(got).TakeWhile(p => p.First == p.Second).Count()}; {received[c].Count(text => !text.StartsWith('A') && !text.StartsWith('B'))} messages from neither");
            }
        }

        output.WriteLine($"each client got {string.Join(", ", received.Select(r => r.Count))} messages");
        ClusterClients.DisposeAll(clients);
    }

    private static string Payload(string producer, int i) => $"{producer} {i:D6} {new string((char)('a' + (i % 26)), 40)}";

    private static async Task ProduceAsync(ClientWebSocket producer, string name, List<ClusterClient> clients, int count)
    {
        var records = Enumerable.Range(0, count).Select(i => StrictRecord.TextFor(clients[i % clients.Count].Id, Payload(name, i)))
            .Concat(clients.Select(client => StrictRecord.TextFor(client.Id, $"{name} end")));
        var stream = StrictRecord.Pack([.. records]);
        var random = new Random(name.GetHashCode(StringComparison.Ordinal));
        for (var offset = 0; offset < stream.Length;)
        {
            var length = Math.Min(random.Next(1, 8192), stream.Length - offset);
            await producer.SendAsync(stream[offset..(offset + length)]);
            offset += length;
        }
    }

    /// <summary>Receives until both producers' "end" came.</summary>
    private static async Task<List<string>> ReceiveFromBothAsync(ClusterClient client, int perProducer)
    {
        var texts = new List<string>(2 * perProducer);
        var ends = 0;
        while (ends < 2)
        {
            var (type, payload) = await client.Socket.ReceiveMessageAsync();
            Assert.Equal(WebSocketMessageType.Text, type);
            var text = Encoding.UTF8.GetString(payload);
            texts.Add(text);
            if (text.EndsWith(" end", StringComparison.Ordinal))
            {
                ends++;
            }
        }

        return texts;
    }
}
