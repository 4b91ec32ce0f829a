using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;
using Xunit.Abstractions;

namespace GwSocket.EndToEnd.Tests.NetworkPipe;

/// <summary>What bounds a node's network pipe: its cap on pipe connections, and each watcher's own queue.</summary>
public sealed class NetworkPipeLimitTests(ITestOutputHelper output) : IDisposable
{
    private readonly PipeToken _token = new();

    public void Dispose() => _token.Dispose();

    [Fact]
    public async Task Beyond_max_pipe_connections_a_pipe_connection_gets_503_and_a_slot_freed_is_taken_again()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict", _token.Option, "--max-pipe-connections=2");
        using var first = await PipeSockets.ConnectAsync(server.Port, _token.Secret);
        using var second = await PipeSockets.ConnectAsync(server.Port, _token.Secret, events: true);

        Assert.Equal(503, await UpgradeStatusAsync(server.Port));
        await Eventually.LoggedAsync(server, "2 pipe connections are open (--max-pipe-connections) (503)");

        // The slot is free once the node has finished with the closed connection.
        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        var deadline = DateTime.UtcNow + Timeouts.Receive;
        int status;
        while ((status = await UpgradeStatusAsync(server.Port)) == 503 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(Timeouts.Poll);
        }

        Assert.Equal(101, status);
        Assert.Equal(WebSocketState.Open, second.State);
    }

    [Fact]
    public async Task A_watcher_that_does_not_read_loses_what_its_own_queue_cannot_hold_and_holds_back_neither_clients_nor_other_watchers()
    {
        // 24 MB: more than a watcher's queue (pipeout-max-queued-bytes, 16 MiB) and the kernel's buffers hold.
        const int Messages = 6_000;
        const int MessageSize = 4096;
        await using var server = await GwSocketProcess.StartAsync("--strict", _token.Option);
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        // A small receive buffer: what it does not read stays in the node's queue for it rather than in the kernel's buffers.
        await using var stalled = await RawWebSocket.UpgradeAsync(await RawConnection.OpenTcpWithSmallReceiveBufferAsync(server.Port, 4096),
            UpgradeRequest.Valid(PipeSockets.Path + "?events=1").With("Authorization", $"Bearer {_token.Secret}"));
        using var reading = await NetworkWatcher.ConnectAsync(server.Port, _token.Secret);
        var (client, id) = (await PipeClients.ConnectKnownAsync(server, pipeOut, 1))[0];

        // From the client, flat out: it is never held back by what watchers read.
        var payload = new byte[MessageSize];
        for (var i = 0; i < Messages; i++)
        {
            await client.SendMessageAsync(WebSocketMessageType.Binary, payload);
        }

        await Eventually.TrueAsync(() => reading.Records.Count(record => record.ClientId == id && record.Type == StrictRecord.Binary) == Messages,
            () => $"the reading watcher got {reading.Records.Count(record => record.Type == StrictRecord.Binary)} of {Messages} messages");
        var metrics = await OpsHttp.ScrapeUntilAsync(server.Port, m => m.Value("gwsocket_drops_total", ("reason", "pipe_watcher")) > 0, "the stalled watcher's drops counted");
        Assert.Equal(2, metrics.Value("gwsocket_pipe_connections_open", ("role", "watcher")));
        output.WriteLine($"{metrics.Value("gwsocket_drops_total", ("reason", "pipe_watcher"))} records dropped for the stalled watcher");

        // It reads at last: the client's open first, then what its queue kept, in order, and its connection stands.
        var (_, first) = await stalled.ReceiveMessageAsync();
        Assert.Equal(StrictRecord.OpenOf(id, "127.0.0.1"), StrictRecord.Parse(first).Records[0]);
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await Eventually.TrueAsync(() => reading.Records.Contains(StrictRecord.CloseOf(id)), () => "the reading watcher got the close");
    }

    private async Task<int> UpgradeStatusAsync(int port)
    {
        await using var connection = await RawConnection.OpenTcpAsync(port);
        await connection.SendAsync(UpgradeRequest.Valid(PipeSockets.Path).With("Authorization", $"Bearer {_token.Secret}").ToBytes());
        return (await connection.ReadResponseHeadAsync()).StatusCode;
    }
}
