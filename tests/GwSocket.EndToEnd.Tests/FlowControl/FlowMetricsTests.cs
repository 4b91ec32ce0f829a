using System.Net.WebSockets;
using System.Text.Json;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.FlowControl;

/// <summary>
/// What flow control shows an operator while a client that does not read holds pipe-in back: the time held back
/// grows, the client counts as behind, on /metrics and in the status page's feed.
/// </summary>
public sealed class FlowMetricsTests
{
    [Fact]
    public async Task While_a_stalled_client_holds_pipe_in_back_the_time_held_back_grows_and_the_client_counts_as_behind_on_metrics_and_in_the_status_feed()
    {
        // A delay limit longer than the test, so that the stalled client holds the producer back throughout.
        var server = await GwSocketProcess.StartAsync("--strict", "--slow-clients-max-delay=120");
        FileStream? producer = null;
        Task? producing = null;
        try
        {
            using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
            await OpsHttp.WaitUntilReadyAsync(server.Port);
            var before = await OpsHttp.ScrapeAsync(server.Port);
            Assert.Equal("counter", before.TypeOf("gwsocket_flow_held_back_seconds_total"));
            Assert.Equal("gauge", before.TypeOf("gwsocket_flow_clients_behind"));
            Assert.Equal(0, before.Value("gwsocket_flow_held_back_seconds_total"));
            Assert.Equal(0, before.Value("gwsocket_flow_clients_behind"));

            await using var stalled = await RawWebSocket.UpgradeAsync(
                await RawConnection.OpenTcpWithSmallReceiveBufferAsync(server.Port, 4096), UpgradeRequest.Valid("/"));
            await pipeOut.NextOpenAsync(0);
            producer = new FileStream(server.PipeIn, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            // 16 MB: more than the stalled client's socket buffers and queue hold; the producer blocks in write().
            producing = SequencedBroadcasts.ProduceAsync(producer, 0, 16 * 1000, 1024);

            var held = await OpsHttp.ScrapeUntilAsync(server.Port,
                m => m.Value("gwsocket_flow_clients_behind") == 1 && m.Value("gwsocket_flow_held_back_seconds_total") >= 1,
                "the stalled client behind and pipe-in held back for a second");
            Assert.False(producing.IsCompleted, "the producer wrote 16 MB past a client that does not read");
            Assert.Equal(0, held.Value("gwsocket_slow_clients_found_total", ("policy", "drop")));
            Assert.Equal(0, held.Value("gwsocket_drops_total", ("reason", "slow_client")));

            var node = await StatusFeedNodeAsync(server.Port, n => n.GetProperty("router").GetProperty("clientsBehind").GetInt32() == 1);
            Assert.True(node.GetProperty("router").GetProperty("heldBackMilliseconds").GetInt64() >= 1000, node.ToString());
            Assert.Equal(0, node.GetProperty("connections").GetProperty("slowClientEpisodes").GetInt64());
        }
        finally
        {
            // The server goes first: the producer's blocked write then fails, as a pipe's does when its reader is gone.
            await server.DisposeAsync();
            if (producing is not null)
            {
                await producing.ContinueWith(_ => { }, TaskScheduler.Default);
            }

            producer?.Dispose();
        }
    }

    /// <summary>This node's entry in the /status/ws feed, from the first snapshot that satisfies <paramref name="condition"/>.</summary>
    private static async Task<JsonElement> StatusFeedNodeAsync(int port, Func<JsonElement, bool> condition)
    {
        using var feed = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(port, "/status/ws"));
        var deadline = DateTime.UtcNow + Timeouts.Receive;
        while (true)
        {
            var (type, payload) = await feed.ReceiveMessageAsync();
            Assert.Equal(WebSocketMessageType.Text, type);
            var snapshot = JsonDocument.Parse(payload).RootElement;
            var self = snapshot.GetProperty("selfAddress").GetString();
            var node = snapshot.GetProperty("nodes").EnumerateArray().SingleOrDefault(n => n.GetProperty("address").GetString() == self);
            if (node.ValueKind == JsonValueKind.Object && condition(node))
            {
                return node.Clone();
            }

            Assert.True(DateTime.UtcNow < deadline, $"the status feed never showed the node as expected; last: {snapshot}");
        }
    }
}
