using System.Net.WebSockets;
using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Pipes;

/// <summary>Strict mode, pipe-out: gwsocket's open, message and close records, read by a consumer as any program would.</summary>
public sealed class StrictPipeOutTests
{
    private const string Loopback = "127.0.0.1";

    [Fact]
    public async Task Consumer_sees_each_clients_open_messages_and_close_byte_for_byte()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        var clients = await PipeClients.ConnectKnownAsync(server, pipeOut, 2);
        var (first, second) = (clients[0], clients[1]);

        await first.Socket.SendMessageAsync(WebSocketMessageType.Text, Encoding.UTF8.GetBytes("hello"));
        await second.Socket.SendMessageAsync(WebSocketMessageType.Text, Encoding.UTF8.GetBytes("x"));
        await first.Socket.SendMessageAsync(WebSocketMessageType.Binary, [0x01, 0x02, 0x03]);
        foreach (var (socket, _) in clients)
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            socket.Dispose();
        }

        await pipeOut.WaitForRecordsAsync(records => records.Count(r => r.Type == StrictRecord.Close) == 2, "both closes");
        Assert.Equal(
            [StrictRecord.OpenOf(first.Id, Loopback), StrictRecord.TextFor(first.Id, "hello"), new StrictRecord(first.Id, StrictRecord.Binary, [1, 2, 3]), StrictRecord.CloseOf(first.Id)],
            RecordsOf(pipeOut, first.Id));
        Assert.Equal([StrictRecord.OpenOf(second.Id, Loopback), StrictRecord.TextFor(second.Id, "x"), StrictRecord.CloseOf(second.Id)], RecordsOf(pipeOut, second.Id));
        Assert.Equal(0, pipeOut.Parsed.Leftover);
        // The first record, by hand: id, type 0x10, length 46 (big-endian), then "127.0.0.1" and 37 NULs.
        Assert.Equal(
            [.. BigEndian(first.Id), 0, 0, 0, 0x10, 0, 0, 0, 46, .. "127.0.0.1"u8, .. new byte[37]],
            pipeOut.Bytes[..58]);
    }

    [Fact]
    public async Task Sigterm_writes_a_close_for_every_open_before_the_process_exits()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        var clients = await PipeClients.ConnectKnownAsync(server, pipeOut, 4);
        await clients[0].Socket.SendMessageAsync(WebSocketMessageType.Text, "last words"u8.ToArray());
        await pipeOut.WaitForRecordsAsync(records => records.Any(r => r.Type == StrictRecord.Text), "the message");

        PosixSignals.Terminate(server.Id);
        // Three clients answer the close frame; the fourth stays silent, so the server has to drop it.
        foreach (var (socket, _) in clients[..3])
        {
            await socket.ReceiveCloseAsync(WebSocketCloseStatus.EndpointUnavailable);
        }

        Assert.Equal(0, await server.WaitForExitAsync(Timeouts.Exit));
        await pipeOut.Ended.WaitAsync(Timeouts.Receive);
        var (records, leftover) = pipeOut.Parsed;
        Assert.Equal(0, leftover);
        foreach (var (_, id) in clients)
        {
            var ofClient = records.Where(r => r.ClientId == id).ToList();
            Assert.Equal(StrictRecord.OpenOf(id, Loopback), ofClient.First());
            Assert.Equal(StrictRecord.CloseOf(id), ofClient.Last());
            Assert.Single(ofClient, r => r.Type == StrictRecord.Close);
        }

        Assert.Equal(clients.Count * 2 + 1, records.Count);
        foreach (var (socket, _) in clients)
        {
            socket.Dispose();
        }
    }

    [Fact]
    public async Task Records_kept_while_nobody_reads_reach_the_reader_who_comes_later_whole()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var client = await PipeClients.ConnectAsync(server);
        await client.SendMessageAsync(WebSocketMessageType.Text, "said to nobody"u8.ToArray());
        // With no pipe-out reader to see the open, the metrics tell when the router has registered the client:
        // a broadcast written from then on reaches it.
        await OpsHttp.ScrapeUntilAsync(server.Port, m => m.Value("gwsocket_connections_open") == 1, "the client registered");
        // Without a reader on pipe-out, delivery to clients goes on.
        await ShellProcess.RunAsync("""printf '\000\000\000\000\000\000\000\001\000\000\000\011delivered' > "$1" """, server.PipeIn);
        Assert.Equal("delivered", await client.ReceiveTextAsync());
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);

        await pipeOut.WaitForRecordsAsync(records => records.Any(r => r.Type == StrictRecord.Close), "the close");
        var id = pipeOut.Records[0].ClientId;
        Assert.Equal([StrictRecord.OpenOf(id, Loopback), StrictRecord.TextFor(id, "said to nobody"), StrictRecord.CloseOf(id)], pipeOut.Records);
        Assert.Equal(0, pipeOut.Parsed.Leftover);
    }

    private static List<StrictRecord> RecordsOf(PipeOutConsumer pipeOut, uint id) => pipeOut.Records.Where(r => r.ClientId == id).ToList();

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
