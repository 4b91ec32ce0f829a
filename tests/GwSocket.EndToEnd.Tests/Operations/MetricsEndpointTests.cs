using System.Net.WebSockets;
using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Operations;

/// <summary>/metrics of a real node, parsed as Prometheus text, while real clients talk to it.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Counters_move_as_clients_connect_and_exchange_messages()
    {
        await using var server = await GwSocketProcess.StartAsync("--echo-mode");
        await OpsHttp.WaitUntilReadyAsync(server.Port);
        var before = await OpsHttp.ScrapeAsync(server.Port);
        Assert.Equal("counter", before.TypeOf("gwsocket_messages_in_total"));
        Assert.Equal("gauge", before.TypeOf("gwsocket_connections_open"));
        Assert.Equal(0, before.Value("gwsocket_connections_opened_total"));
        Assert.Equal(1, before.Value("gwsocket_cluster_members", ("status", "up")));

        using var client = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port));
        for (var i = 0; i < 3; i++)
        {
            await client.SendMessageAsync(WebSocketMessageType.Text, Encoding.UTF8.GetBytes($"hello {i}"));
            await client.ReceiveMessageAsync();
        }
        await client.SendMessageAsync(WebSocketMessageType.Binary, [1, 2, 3, 4, 5]);
        await client.ReceiveMessageAsync();

        var after = await OpsHttp.ScrapeUntilAsync(server.Port,
            m => m.Value("gwsocket_messages_in_total", ("type", "binary")) == 1 && m.Value("gwsocket_messages_in_total", ("type", "text")) == 3,
            "the four messages in");
        Assert.Equal(1, after.Value("gwsocket_connections_open"));
        Assert.Equal(1, after.Value("gwsocket_connections_opened_total"));
        Assert.Equal(3, after.Value("gwsocket_messages_out_total", ("type", "text")));
        Assert.Equal(1, after.Value("gwsocket_messages_out_total", ("type", "binary")));
        Assert.Equal("hello 0hello 1hello 2".Length, after.Value("gwsocket_traffic_in_bytes_total", ("type", "text")));
        Assert.Equal(5, after.Value("gwsocket_traffic_in_bytes_total", ("type", "binary")));
        // An unmasked server frame: 2 header bytes before each payload.
        Assert.Equal(5 + 2, after.Value("gwsocket_traffic_out_bytes_total", ("type", "binary")));
        Assert.Equal(0, after.Value("gwsocket_drops_total", ("reason", "slow_client")));

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await OpsHttp.ScrapeUntilAsync(server.Port, m => m.Value("gwsocket_connections_open") == 0, "the client gone");
    }

    [Fact]
    public async Task Rejected_handshakes_are_counted_by_reason()
    {
        await using var server = await GwSocketProcess.StartAsync("--echo-mode", "--origin=http://allowed.example");

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => ClientWebSockets.ConnectAsync(
            ClientWebSockets.LocalUri(server.Port), options => options.SetRequestHeader("Origin", "http://other.example")));

        var metrics = await OpsHttp.ScrapeUntilAsync(server.Port,
            m => m.Value("gwsocket_handshakes_rejected_total", ("reason", "origin")) == 1, $"the refused origin ({refused.Message})");
        Assert.Null(metrics.Value("gwsocket_handshakes_rejected_total", ("reason", "bad_request")));
    }
}
