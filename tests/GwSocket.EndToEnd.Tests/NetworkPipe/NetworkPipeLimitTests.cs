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
        // 8 MB: far more than a watcher's queue (1 MiB here) and the kernel's buffers hold.
        const int Messages = 2_048;
        const int MessageSize = 4096;
        const int Burst = 32;
        Assert.Equal(0, Messages % Burst);
        var config = Path.Combine(_token.Directory, "small-watcher-queue.conf");
        await File.WriteAllTextAsync(config, "gwsocket.pipeout-max-queued-bytes = 1MiB\n");
        await using var server = await GwSocketProcess.StartAsync("--strict", _token.Option, $"--config={config}");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        // A small receive buffer: what it does not read stays in the node's queue for it rather than in the kernel's buffers.
        await using var stalled = await RawWebSocket.UpgradeAsync(await RawConnection.OpenTcpWithSmallReceiveBufferAsync(server.Port, 4096),
            UpgradeRequest.Valid(PipeSockets.Path + "?events=1").With("Authorization", $"Bearer {_token.Secret}"));
        using var reading = await NetworkWatcher.ConnectAsync(server.Port, _token.Secret);
        var (client, id) = (await PipeClients.ConnectKnownAsync(server, pipeOut, 1))[0];
        var openRecord = StrictRecord.OpenOf(id, "127.0.0.1").ToBytes().Length;
        var messageRecord = StrictRecord.HeaderSize + MessageSize;
        await Eventually.TrueAsync(() => reading.ByteCount == openRecord, () => "the reading watcher got the open");

        // In bursts that the reading watcher's queue holds, each sent once it has the one before: the stalled watcher, which
        // reads nothing, holds back neither the client nor the reading watcher, and the queue bounds only its own loss.
        var payload = new byte[MessageSize];
        for (var sent = 0; sent < Messages;)
        {
            for (var i = 0; i < Burst; i++, sent++)
            {
                await client.SendMessageAsync(WebSocketMessageType.Binary, payload);
            }

            await Eventually.TrueAsync(() => reading.ByteCount == openRecord + (sent * messageRecord),
                () => $"the reading watcher got {(reading.ByteCount - openRecord) / messageRecord} of the {sent} messages sent");
        }

        Assert.Equal(Messages, reading.Records.Count(record => record.ClientId == id && record.Type == StrictRecord.Binary));
        var metrics = await OpsHttp.ScrapeUntilAsync(server.Port, m => m.Value("gwsocket_drops_total", ("reason", "pipe_watcher")) > 0, "the stalled watcher's drops counted");
        Assert.Equal(2, metrics.Value("gwsocket_pipe_connections_open", ("role", "watcher")));
        output.WriteLine($"{metrics.Value("gwsocket_drops_total", ("reason", "pipe_watcher"))} records dropped for the stalled watcher");

        // It reads at last: the client's open first, and its connection stands.
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
