using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Pipes;

/// <summary>
/// Strict mode, pipe-in: producers in processes of their own write 12-byte-header records into the FIFO; the
/// clients' ids come from the open records on pipe-out.
/// </summary>
public sealed class StrictPipeInTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Id_0_reaches_every_client_and_an_id_only_its_client()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        var clients = await PipeClients.ConnectKnownAsync(server, pipeOut, 3);
        var (first, second, third) = (clients[0], clients[1], clients[2]);

        await WriteWithCatAsync(server.PipeIn,
            StrictRecord.TextFor(0, "to all"),
            StrictRecord.TextFor(second.Id, "to the second"),
            new StrictRecord(first.Id, StrictRecord.Binary, [0x00, 0x01, 0xFE]),
            StrictRecord.TextFor(0, "end"));

        // Each client's messages come in the records' order, so "end" closes what each of them got.
        Assert.Equal(["to all", "binary 0001FE", "end"], await ReceiveUntilEndAsync(first.Socket));
        Assert.Equal(["to all", "to the second", "end"], await ReceiveUntilEndAsync(second.Socket));
        Assert.Equal(["to all", "end"], await ReceiveUntilEndAsync(third.Socket));
        DisposeAll(clients);
    }

    [Fact]
    public async Task Records_written_one_byte_per_write_arrive_whole()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        var (client, id) = (await PipeClients.ConnectKnownAsync(server, pipeOut, 1))[0];
        var records = _files.File("records");
        File.WriteAllBytes(records, StrictRecord.Pack(StrictRecord.TextFor(id, "one"), StrictRecord.TextFor(0, "two"), StrictRecord.TextFor(id, "end")));

        // dd bs=1: one write(2) per byte.
        await ShellProcess.RunAsync("""dd if="$1" of="$2" bs=1 conv=notrunc status=none""", records, server.PipeIn);

        Assert.Equal(["one", "two", "end"], await ReceiveUntilEndAsync(client));
        client.Dispose();
    }

    [Fact]
    public async Task A_thousand_records_in_one_write_all_arrive_in_order()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        var (client, id) = (await PipeClients.ConnectKnownAsync(server, pipeOut, 1))[0];
        var texts = Enumerable.Range(1, 999).Select(i => $"record {i}").Append("end").ToList();

        // cat writes the 17 KiB file with a single write(2).
        await WriteWithCatAsync(server.PipeIn, texts.Select(text => StrictRecord.TextFor(id, text)).ToArray());

        Assert.Equal(texts, await ReceiveUntilEndAsync(client));
        client.Dispose();
    }

    [Fact]
    public async Task Unknown_type_is_logged_with_its_header_and_later_records_arrive()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        var (client, _) = (await PipeClients.ConnectKnownAsync(server, pipeOut, 1))[0];

        // id 0, type 0x03 (not a type), length 5.
        await ShellProcess.RunAsync("""printf '\000\000\000\000\000\000\000\003\000\000\000\005hello' > "$1" """, server.PipeIn);
        await Eventually.LoggedAsync(server, "000000000000000300000005");
        // The server drops the rest of that writer's bytes by reopening the FIFO; the next writer comes after that.
        await Eventually.TrueAsync(() => !Fifos.IsOpenIn(server.Id, server.PipeIn), () => "the server never reopened pipe-in");
        await WriteWithCatAsync(server.PipeIn, StrictRecord.TextFor(0, "after"));

        Assert.Equal("after", await client.ReceiveTextAsync());
        client.Dispose();
    }

    [Fact]
    public async Task Producer_killed_mid_record_loses_only_that_record()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        var (client, _) = (await PipeClients.ConnectKnownAsync(server, pipeOut, 1))[0];
        var records = _files.File("partial");
        // A whole record, then a header announcing 10 bytes followed by only 3 of them.
        File.WriteAllBytes(records, [.. StrictRecord.TextFor(0, "before").ToBytes(), .. StrictRecord.TextFor(0, "0123456789").ToBytes()[..15]]);

        await using (var dying = ShellProcess.Start("""exec 3>"$2"; cat "$1" >&3; echo written; exec sleep 600""", records, server.PipeIn))
        {
            await Eventually.TrueAsync(() => dying.StandardOutput.Text.Contains("written"), () => $"the producer did not write: {dying.StandardError.Text}");
            Assert.Equal("before", await client.ReceiveTextAsync());
            await dying.KillAsync();
        }

        await Eventually.LoggedAsync(server, "in the middle of a record");
        await WriteWithCatAsync(server.PipeIn, StrictRecord.TextFor(0, "after"));

        Assert.Equal("after", await client.ReceiveTextAsync());
        client.Dispose();
    }

    /// <summary>A producer in another process: cat writes the records, packed in a file, into the FIFO.</summary>
    private async Task WriteWithCatAsync(string fifo, params StrictRecord[] records)
    {
        var file = _files.File(Path.GetRandomFileName());
        await File.WriteAllBytesAsync(file, StrictRecord.Pack(records));
        await ShellProcess.RunAsync("""cat "$1" > "$2" """, file, fifo);
    }

    /// <summary>The client's messages up to the text "end": texts as they are, binary ones as "binary HEX".</summary>
    private static async Task<List<string>> ReceiveUntilEndAsync(ClientWebSocket socket)
    {
        var messages = new List<string>();
        while (messages.LastOrDefault() != "end")
        {
            var (type, payload) = await socket.ReceiveMessageAsync();
            messages.Add(type == WebSocketMessageType.Binary ? $"binary {Convert.ToHexString(payload)}" : System.Text.Encoding.UTF8.GetString(payload));
        }

        return messages;
    }

    private static void DisposeAll(List<(ClientWebSocket Socket, uint Id)> clients)
    {
        foreach (var (socket, _) in clients)
        {
            socket.Dispose();
        }
    }
}
