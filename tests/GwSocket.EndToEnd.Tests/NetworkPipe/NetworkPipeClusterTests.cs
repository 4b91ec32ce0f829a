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
public sealed partial class NetworkPipeClusterTests(ITestOutputHelper output) : IDisposable
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

    [Fact]
    public async Task Gwsocket_pipe_reconnects_through_nginx_when_its_node_is_killed_and_the_rest_of_the_stream_arrives()
    {
        const int Total = 200_000;
        // Small queues: the producer is held back by the readers, so the kill finds a message waiting for its acknowledgement.
        const int QueueBound = 64 * 1024;
        var config = Path.Combine(_token.Directory, "small-queues.conf");
        await File.WriteAllTextAsync(config, $"gwsocket.slow-clients.max-queued-bytes = {QueueBound}\n");
        await using var cluster = await LoopbackCluster.StartAsync("--strict", _token.Option, $"--config={config}");
        // One reader on each node, connected to it directly, each known by the id node 1's pipe-out gave it.
        var readers = new List<ClusterClient>();
        foreach (var node in cluster.Nodes)
        {
            readers.AddRange(await ClusterClients.ConnectAsync(ClientWebSockets.LocalUri(node.HttpPort), cluster[1], 1));
        }

        var received = readers.ToDictionary(reader => reader, _ => new List<int>());
        var reading = readers.Select(reader => CollectNumbersAsync(reader, received[reader])).ToList();

        // A shell producer writing flat out: broadcasts of 8 digits (id 0, type 1, length 8), through gwsocket pipe and nginx.
        await using var pipe = PipeCommandProcess.Start(
            """i=0; while [ $i -lt "$1" ]; do printf '\000\000\000\000\000\000\000\001\000\000\000\010%08d' $i; i=$((i + 1)); done""",
            ["--strict", $"ws://127.0.0.1:{cluster.Nginx.Port}/gwsocket/pipe", $"--token-file={_token.FilePath}"], "", Total.ToString());
        await cluster.WaitAsync(() => cluster.Nodes.Count(node => node.Process.StandardError.Text.Contains(" connected (producer)", StringComparison.Ordinal)) == 1,
            "gwsocket pipe connected to one node", Timeouts.Receive);
        var victim = cluster.Nodes.Single(node => node.Process.StandardError.Text.Contains(" connected (producer)", StringComparison.Ordinal));
        var survivors = readers.Where(reader => cluster.OwnerOf(reader.Id) != victim).ToList();
        await cluster.WaitAsync(() => survivors.All(reader => Count(received[reader]) >= 1000), "the first 1000 records at the other nodes' readers", Timeouts.Receive);

        await victim.KillAsync();
        var killed = System.Diagnostics.Stopwatch.StartNew();
        await cluster.WaitAsync(() => pipe.StandardError.Text.Contains("reconnected", StringComparison.Ordinal), "gwsocket pipe reconnected", TimeSpan.FromSeconds(30));
        var reconnectedAfter = killed.Elapsed;
        await cluster.WaitAsync(() => survivors.All(reader => Last(received[reader]) == Total - 1), $"record {Total - 1} at the surviving readers", TimeSpan.FromSeconds(120));
        Assert.Equal(0, await pipe.WaitForExitAsync());

        // It says whether the message in flight was acknowledged, and sends it again if not: nothing is lost, and only
        // that message's records may come twice (where the killed node had passed them on without acknowledging them).
        Assert.Contains(pipe.StandardError.Lines, line => line.Contains("connection lost", StringComparison.Ordinal));
        var resent = pipe.StandardError.Lines.Select(line => ResentRecords().Match(line)).SingleOrDefault(match => match.Success) is { } resend
            ? int.Parse(resend.Groups["records"].Value) : 0;
        foreach (var reader in survivors)
        {
            var numbers = Snapshot(received[reader]);
            var backSteps = numbers.Zip(numbers.Skip(1)).Where(pair => pair.Second <= pair.First).ToList();
            Assert.True(numbers.Distinct().SequenceEqual(Enumerable.Range(0, Total)), $"{reader}: {numbers.Distinct().Count()} of {Total} records, or not in order");
            Assert.True(numbers.Count - Total <= resent && backSteps.Count <= 1,
                $"{reader}: {numbers.Count - Total} records twice, steps back [{string.Join(", ", backSteps)}]; gwsocket pipe: {pipe.StandardError.Text}");
            output.WriteLine($"{reader}: {numbers.Count} records for {Total}, {numbers.Count - Total} twice ({resent} sent again); reconnected {reconnectedAfter.TotalSeconds:0.0} s after the kill");
        }

        output.WriteLine(pipe.StandardError.Text);
        Assert.True(reconnectedAfter < TimeSpan.FromSeconds(15), $"reconnected only after {reconnectedAfter.TotalSeconds:0.0} s:{Environment.NewLine}{pipe.StandardError.Text}");
        ClusterClients.DisposeAll(readers);
        await Task.WhenAll(reading);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"sending again the message \((?<records>\d+) records, \d+ bytes\)")]
    private static partial System.Text.RegularExpressions.Regex ResentRecords();

    private static int Count(List<int> numbers)
    {
        lock (numbers)
        {
            return numbers.Count;
        }
    }

    private static int Last(List<int> numbers)
    {
        lock (numbers)
        {
            return numbers.Count == 0 ? -1 : numbers[^1];
        }
    }

    private static List<int> Snapshot(List<int> numbers)
    {
        lock (numbers)
        {
            return [.. numbers];
        }
    }

    /// <summary>Reads the client's 8-digit messages until its connection ends.</summary>
    private static async Task CollectNumbersAsync(ClusterClient reader, List<int> numbers)
    {
        var buffer = new byte[64];
        try
        {
            while (true)
            {
                var result = await reader.Socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                lock (numbers)
                {
                    numbers.Add(int.Parse(Encoding.ASCII.GetString(buffer, 0, result.Count), System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The reader's node was killed, or the test is over.
        }
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
