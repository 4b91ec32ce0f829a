using System.Net.WebSockets;
using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Compression;

/// <summary>
/// Strict mode through real FIFOs with clients that negotiated permessage-deflate and one that did not:
/// pipe-in messages reach each of them intact, compressed or not as it agreed, and compressed client messages reach pipe-out.
/// </summary>
public sealed class DeflatePipeTests
{
    [Fact]
    public async Task Broadcasts_and_unicasts_reach_deflate_and_plain_clients_intact_and_compressed_only_for_those_that_negotiated()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        using var deflating = await ConnectAsync(server, deflate: true);
        var deflatingId = await pipeOut.NextOpenAsync(0);
        using var plain = await ConnectAsync(server, deflate: false);
        await pipeOut.NextOpenAsync(1);
        await using var raw = await RawWebSocket.UpgradeAsync(
            await RawConnection.OpenTcpAsync(server.Port), UpgradeRequest.Valid().With("Sec-WebSocket-Extensions", ClientDeflate.Offer));
        await pipeOut.NextOpenAsync(2);
        var json = ClientDeflate.Json(400);
        var binary = Enumerable.Range(0, 8192).Select(i => (byte)(i % 64)).ToArray();

        await WriteRecordsAsync(server.PipeIn,
            StrictRecord.TextFor(0, json),
            new StrictRecord(0, StrictRecord.Binary, binary),
            StrictRecord.TextFor(deflatingId, json + " for you"),
            StrictRecord.TextFor(0, "end"));

        Assert.Equal([json, $"binary {binary.Length}", json + " for you", "end"], await ReceiveUntilEndAsync(deflating, binary));
        Assert.Equal([json, $"binary {binary.Length}", "end"], await ReceiveUntilEndAsync(plain, binary));
        var onTheWire = new[] { await raw.ReceiveFrameAsync(), await raw.ReceiveFrameAsync(), await raw.ReceiveFrameAsync() };
        Assert.All(onTheWire.Take(2), frame => Assert.True(frame.Compressed, $"expected RSV1 on {frame}"));
        Assert.Equal(Encoding.UTF8.GetBytes(json), ClientDeflate.Inflate(onTheWire[0].Payload));
        Assert.Equal(binary, ClientDeflate.Inflate(onTheWire[1].Payload));
        Assert.False(onTheWire[2].Compressed, "a message under the minimum size goes plain");
        Assert.Equal("end"u8.ToArray(), onTheWire[2].Payload);

        // The two clients that negotiated got both broadcasts compressed, one of them the unicast too; each frame
        // counts with its 4-byte header as it would have gone uncompressed.
        var uncompressed = 2 * (4 + json.Length) + 2 * (4 + binary.Length) + (4 + json.Length + " for you".Length);
        var metrics = await OpsHttp.ScrapeUntilAsync(server.Port,
            m => m.Value("gwsocket_compression_out_bytes_total", ("stage", "uncompressed")) == uncompressed, $"{uncompressed} uncompressed bytes out");
        var compressed = metrics.Value("gwsocket_compression_out_bytes_total", ("stage", "compressed"));
        Assert.True(compressed < uncompressed / 3, $"compressed {compressed} of {uncompressed}");
    }

    [Fact]
    public async Task Compressed_client_messages_reach_pipe_out_intact()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        using var client = await ConnectAsync(server, deflate: true);
        var id = await pipeOut.NextOpenAsync(0);
        var text = Encoding.UTF8.GetBytes(ClientDeflate.Json(300) + " ünïcödé");
        var binary = Enumerable.Range(0, 20000).Select(i => (byte)(i % 7)).ToArray();

        await client.SendMessageAsync(WebSocketMessageType.Text, text);
        await client.SendMessageAsync(WebSocketMessageType.Binary, binary);

        await pipeOut.WaitForRecordsAsync(records => records.Count(r => r.ClientId == id && r.Type != StrictRecord.Open) >= 2, "the two messages");
        var messages = pipeOut.Records.Where(r => r.ClientId == id && r.Type != StrictRecord.Open).ToList();
        Assert.Equal(new StrictRecord(id, StrictRecord.Text, text), messages[0]);
        Assert.Equal(new StrictRecord(id, StrictRecord.Binary, binary), messages[1]);
        // ClientWebSocket compressed both: the server counted what it inflated.
        var metrics = await OpsHttp.ScrapeUntilAsync(server.Port,
            m => m.Value("gwsocket_compression_in_bytes_total", ("stage", "uncompressed")) >= text.Length + binary.Length, "inflated bytes in");
        Assert.True(metrics.Value("gwsocket_compression_in_bytes_total", ("stage", "compressed")) < (text.Length + binary.Length) / 3);
    }

    [Fact]
    public async Task With_compression_off_an_offer_gets_no_extension()
    {
        await using var server = await GwSocketProcess.StartAsync("--echo-mode", "--compression=off");
        await using var socket = await RawWebSocket.UpgradeAsync(
            await RawConnection.OpenTcpAsync(server.Port), UpgradeRequest.Valid().With("Sec-WebSocket-Extensions", ClientDeflate.Offer));

        Assert.Null(socket.Response.Header("Sec-WebSocket-Extensions"));
        await socket.SendBytesAsync(ClientDeflate.Frame(Opcode.Text, ClientDeflate.Compress("hello"u8.ToArray())));
        await socket.ExpectCloseAsync(CloseCodes.ProtocolError);
    }

    private static Task<ClientWebSocket> ConnectAsync(GwSocketProcess server, bool deflate) =>
        ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port),
            options => options.DangerousDeflateOptions = deflate ? new WebSocketDeflateOptions() : null);

    /// <summary>One write of all the records into the FIFO, as a producer does.</summary>
    private static async Task WriteRecordsAsync(string fifo, params StrictRecord[] records)
    {
        await using var producer = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        await producer.WriteAsync(StrictRecord.Pack(records));
    }

    /// <summary>Messages up to the text "end": texts as they are, the expected binary as "binary LENGTH" (any other fails).</summary>
    private static async Task<List<string>> ReceiveUntilEndAsync(ClientWebSocket socket, byte[] expectedBinary)
    {
        var messages = new List<string>();
        while (messages.LastOrDefault() != "end")
        {
            var (type, payload) = await socket.ReceiveMessageAsync();
            if (type == WebSocketMessageType.Binary)
            {
                Assert.Equal(expectedBinary, payload);
                messages.Add($"binary {payload.Length}");
            }
            else
            {
                messages.Add(Encoding.UTF8.GetString(payload));
            }
        }

        return messages;
    }
}
