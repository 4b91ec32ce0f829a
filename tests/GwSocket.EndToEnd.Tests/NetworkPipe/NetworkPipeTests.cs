using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.NetworkPipe;

/// <summary>
/// The network pipe of one node: <c>/gwsocket/pipe</c> with <c>--pipe-token-file</c>, producers and watchers as
/// ClientWebSockets with the bearer token, the node's clients as ClientWebSockets whose ids come from pipe-out.
/// </summary>
public sealed class NetworkPipeTests : IDisposable
{
    private readonly PipeToken _token = new();

    public void Dispose() => _token.Dispose();

    [Fact]
    public async Task A_missing_or_wrong_token_gets_401_before_any_upgrade_and_is_never_logged()
    {
        using var logs = new TempDirectory();
        var accessLog = logs.File("access.log");
        await using var server = await GwSocketProcess.StartAsync("--strict", _token.Option, $"--access-log={accessLog}", "--log-level=debug");
        const string wrong = "Bearer not-the-secret-4711";

        foreach (var authorization in (string?[])[null, wrong, $"Basic {_token.Secret}", "Bearer "])
        {
            await using var connection = await RawConnection.OpenTcpAsync(server.Port);
            var request = UpgradeRequest.Valid(PipeSockets.Path);
            await connection.SendAsync((authorization is null ? request : request.With("Authorization", authorization)).ToBytes());
            var response = await connection.ReadResponseHeadAsync();
            Assert.Equal(401, response.StatusCode);
            Assert.Equal("Bearer", response.Header("WWW-Authenticate"));
            Assert.Null(response.Header("Sec-WebSocket-Accept"));
        }

        var metrics = await OpsHttp.ScrapeUntilAsync(server.Port, m => m.Value("gwsocket_pipe_auth_failures_total") == 4, "4 auth failures counted");
        Assert.Equal(0, metrics.Value("gwsocket_pipe_connections_open", ("role", "producer")));
        await Eventually.LoggedAsync(server, "missing or wrong bearer token");
        await Eventually.TrueAsync(() => File.Exists(accessLog) && File.ReadAllLines(accessLog).Length == 4, () => "four access-log lines");
        foreach (var text in (string[])[server.StandardError.Text, File.ReadAllText(accessLog)])
        {
            Assert.DoesNotContain("not-the-secret-4711", text);
            Assert.DoesNotContain(_token.Secret, text);
        }
    }

    [Fact]
    public async Task Without_a_token_file_the_pipe_path_is_an_ordinary_client_path()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        using var client = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port, PipeSockets.Path));
        var id = await pipeOut.NextOpenAsync(0);

        await File.WriteAllBytesAsync(server.PipeIn, StrictRecord.Pack(StrictRecord.TextFor(id, "to the client"), StrictRecord.TextFor(0, "end")));

        Assert.Equal(["to the client", "end"], await PipeSockets.ReceiveUntilEndAsync(client));
    }

    [Fact]
    public async Task Records_split_across_messages_or_packed_reach_their_clients_in_order()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict", _token.Option);
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        var clients = await PipeClients.ConnectKnownAsync(server, pipeOut, 3);
        using var producer = await PipeSockets.ConnectAsync(server.Port, _token.Secret);
        var records = new List<StrictRecord>();
        for (var i = 0; i < 300; i++)
        {
            var (_, id) = clients[i % 3];
            records.Add(i % 10 == 0 ? StrictRecord.TextFor(0, $"all {i}") : StrictRecord.TextFor(id, $"to {id}: {i}"));
        }

        records.Add(new StrictRecord(clients[1].Id, StrictRecord.Binary, [0x00, 0xFF]));
        records.Add(StrictRecord.TextFor(0, "end"));
        var stream = StrictRecord.Pack([.. records]);
        // Messages of 1 to 40 bytes: records cut anywhere, headers included, and several records in one message.
        var random = new Random(14);
        for (var offset = 0; offset < stream.Length;)
        {
            var length = Math.Min(random.Next(1, 41), stream.Length - offset);
            await producer.SendAsync(stream[offset..(offset + length)]);
            offset += length;
        }

        foreach (var (socket, id) in clients)
        {
            var expected = records.Where(r => r.ClientId == 0 || r.ClientId == id)
                .Select(r => r.Type == StrictRecord.Binary ? $"binary {Convert.ToHexString(r.Payload)}" : System.Text.Encoding.UTF8.GetString(r.Payload));
            Assert.Equal(expected, await PipeSockets.ReceiveUntilEndAsync(socket));
        }

        var metrics = await OpsHttp.ScrapeUntilAsync(server.Port, m => m.Value("gwsocket_pipe_in_records_total", ("source", "network")) == records.Count, "the records counted as network");
        Assert.Equal(0, metrics.Value("gwsocket_pipe_in_records_total", ("source", "fifo")));
        Assert.Equal(1, metrics.Value("gwsocket_pipe_connections_open", ("role", "producer")));
    }

    [Fact]
    public async Task With_ack_1_the_node_tells_a_producer_how_many_of_its_bytes_it_has_delivered()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict", _token.Option);
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        var (client, id) = (await PipeClients.ConnectKnownAsync(server, pipeOut, 1))[0];
        using var producer = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port, PipeSockets.Path + "?ack=1"),
            options => options.SetRequestHeader("Authorization", $"Bearer {_token.Secret}"));
        var first = StrictRecord.Pack(StrictRecord.TextFor(id, "one"), StrictRecord.TextFor(id, "two"));
        var second = StrictRecord.Pack(StrictRecord.TextFor(0, "end"));

        await producer.SendAsync(first);
        Assert.Equal((WebSocketMessageType.Text, $"{first.Length}"), await ReceiveTextAsync(producer));
        await producer.SendAsync(second);
        Assert.Equal((WebSocketMessageType.Text, $"{first.Length + second.Length}"), await ReceiveTextAsync(producer));
        Assert.Equal(["one", "two", "end"], await PipeSockets.ReceiveUntilEndAsync(client));
    }

    private static async Task<(WebSocketMessageType, string)> ReceiveTextAsync(ClientWebSocket socket)
    {
        var (type, payload) = await socket.ReceiveMessageAsync();
        return (type, System.Text.Encoding.ASCII.GetString(payload));
    }

    [Fact]
    public async Task A_watcher_gets_an_open_for_every_live_client_first_then_messages_and_closes()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict", _token.Option);
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        var clients = await PipeClients.ConnectKnownAsync(server, pipeOut, 2);

        using var watcher = await PipeSockets.ConnectAsync(server.Port, _token.Secret, events: true);
        var bytes = new List<byte>();
        var opens = await PipeSockets.ReceiveRecordsUntilAsync(watcher, bytes, records => records.Count >= 2);
        Assert.Equal(clients.Select(c => StrictRecord.OpenOf(c.Id, "127.0.0.1")).ToHashSet(), opens.ToHashSet());

        // Two clients' records are ordered each in itself, not among each other: the message is seen before the close is sent.
        await clients[0].Socket.SendMessageAsync(WebSocketMessageType.Text, "from the first"u8.ToArray());
        var records = await PipeSockets.ReceiveRecordsUntilAsync(watcher, bytes, r => r.Count >= 3);
        Assert.Equal(StrictRecord.TextFor(clients[0].Id, "from the first"), records[2]);
        await clients[1].Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        records = await PipeSockets.ReceiveRecordsUntilAsync(watcher, bytes, r => r.Count >= 4);
        Assert.Equal(StrictRecord.CloseOf(clients[1].Id), records[3]);
        using var third = await PipeClients.ConnectAsync(server);
        records = await PipeSockets.ReceiveRecordsUntilAsync(watcher, bytes, r => r.Count >= 5);

        Assert.Equal(StrictRecord.Open, records[4].Type);
        Assert.Equal(5, records.Count);
        await OpsHttp.ScrapeUntilAsync(server.Port, m => m.Value("gwsocket_pipe_connections_open", ("role", "watcher")) == 1, "one watcher open");

        // The status page's feed shows the node's producers and watchers.
        using var feed = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port, "/status/ws"));
        using var producer = await PipeSockets.ConnectAsync(server.Port, _token.Secret);
        string pipes;
        do
        {
            var (_, json) = await feed.ReceiveMessageAsync();
            var node = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("nodes")[0];
            pipes = node.TryGetProperty("networkPipes", out var counters) ? $"{counters.GetProperty("producers")} / {counters.GetProperty("watchers")}" : "none";
        }
        while (pipes != "1 / 1");
    }

    [Fact]
    public async Task A_bad_header_or_a_truncated_record_ends_that_producer_only()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict", _token.Option);
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        var (client, id) = (await PipeClients.ConnectKnownAsync(server, pipeOut, 1))[0];
        using var steady = await PipeSockets.ConnectAsync(server.Port, _token.Secret);
        await steady.SendAsync(StrictRecord.Pack(StrictRecord.TextFor(id, "one")));
        // Producers are ordered each in itself, not among each other: "one" is delivered before the next producer starts.
        Assert.Equal(["one"], await PipeSockets.ReceiveCountAsync(client, 1));

        // Type 0x05 does not exist: 1008, and the header in the log.
        using var badType = await PipeSockets.ConnectAsync(server.Port, _token.Secret);
        await badType.SendAsync([.. StrictRecord.TextFor(id, "before").ToBytes(), 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0, 2, (byte)'x', (byte)'y']);
        await badType.ReceiveCloseAsync(WebSocketCloseStatus.PolicyViolation);
        await Eventually.LoggedAsync(server, $"(header {id:X8}0000000500000002)");

        // A text record that is not UTF-8: 1007.
        using var badText = await PipeSockets.ConnectAsync(server.Port, _token.Secret);
        await badText.SendAsync(StrictRecord.Pack(new StrictRecord(id, StrictRecord.Text, [0xC3, 0x28])));
        await badText.ReceiveCloseAsync(WebSocketCloseStatus.InvalidPayloadData);

        // Half a record, then the producer is gone without a close.
        var truncated = await PipeSockets.ConnectAsync(server.Port, _token.Secret);
        await truncated.SendAsync(StrictRecord.TextFor(id, "never whole").ToBytes()[..15]);
        truncated.Abort();
        truncated.Dispose();
        await Eventually.LoggedAsync(server, "went away in the middle of a record");

        await steady.SendAsync(StrictRecord.Pack(StrictRecord.TextFor(id, "two"), StrictRecord.TextFor(0, "end")));
        Assert.Equal(["before", "two", "end"], await PipeSockets.ReceiveUntilEndAsync(client));
        var metrics = await OpsHttp.ScrapeUntilAsync(server.Port, m => m.Value("gwsocket_pipe_errors_total", ("kind", "partial_record")) == 1, "the partial record counted");
        Assert.Equal(2, metrics.Value("gwsocket_pipe_errors_total", ("kind", "bad_record")));
        Assert.Equal(WebSocketState.Open, client.State);
    }
}
