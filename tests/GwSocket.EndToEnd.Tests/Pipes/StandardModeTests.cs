using System.Net.WebSockets;
using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Pipes;

/// <summary>Standard mode through real FIFOs: pipe-in bytes become text messages for every client; pipe-out gets the raw payloads.</summary>
public sealed class StandardModeTests
{
    [Fact]
    public async Task Lines_from_writers_one_after_another_reach_every_client()
    {
        await using var server = await GwSocketProcess.StartAsync();
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        using var first = await PipeClients.ConnectRegisteredAsync(server, pipeOut, "first is here");
        using var second = await PipeClients.ConnectRegisteredAsync(server, pipeOut, "second is here");

        // Each echo opens the FIFO, writes and closes it: the server must read on after every end of file.
        await ShellProcess.RunAsync("""echo a > "$1"; echo b > "$1"; for i in 1 2 3; do echo "line $i" > "$1"; done""", server.PipeIn);

        const string expected = "a\nb\nline 1\nline 2\nline 3\n";
        await first.ReceiveTextAmountingToAsync(expected);
        await second.ReceiveTextAmountingToAsync(expected);
        Assert.Equal("first is heresecond is here", pipeOut.Text);
    }

    [Fact]
    public async Task Utf8_character_split_between_two_writes_arrives_whole()
    {
        await using var server = await GwSocketProcess.StartAsync();
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        using var client = await PipeClients.ConnectRegisteredAsync(server, pipeOut, "ready");
        await using var producer = new FileStream(server.PipeIn, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);

        // "ab" then the first two bytes of € (E2 82 AC): the server sends "ab" and keeps E2 82 for the next read.
        producer.Write([(byte)'a', (byte)'b', 0xE2, 0x82]);
        Assert.Equal("ab", await client.ReceiveTextAsync());
        producer.Write([0xAC, (byte)'c', (byte)'d']);

        Assert.Equal("€cd", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task Client_messages_reach_pipe_out_as_raw_payloads()
    {
        // Debug logs: a failure shows what the server did with the connection and with pipe-out.
        await using var server = await GwSocketProcess.StartAsync("--log-level=Debug");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        using var client = await PipeClients.ConnectAsync(server);

        await client.SendMessageAsync(WebSocketMessageType.Text, Encoding.UTF8.GetBytes("héllo "));
        await client.SendMessageAsync(WebSocketMessageType.Binary, [0x00, 0xFF, 0x0A]);

        var expected = Encoding.UTF8.GetBytes("héllo ").Concat(new byte[] { 0x00, 0xFF, 0x0A }).ToArray();
        try
        {
            await Eventually.TrueAsync(() => pipeOut.Bytes.Length >= expected.Length, () => $"pipe-out held {Convert.ToHexString(pipeOut.Bytes)}");
        }
        catch (TimeoutException timeout)
        {
            var (status, metrics) = await OpsHttp.GetAsync(server.Port, "/metrics");
            var ours = string.Join(Environment.NewLine, metrics.Split('\n').Where(line => line.StartsWith("gwsocket_", StringComparison.Ordinal)));
            throw new TimeoutException($"{timeout.Message}; client {client.State}{Environment.NewLine}--- /metrics ({status}) ---{Environment.NewLine}{ours}{server.Diagnostics()}", timeout);
        }

        Assert.Equal(expected, pipeOut.Bytes);
    }

    [Fact]
    public async Task Echo_mode_still_broadcasts_pipe_in_and_has_no_pipe_out()
    {
        await using var server = await GwSocketProcess.StartAsync("--echo-mode");
        using var client = await PipeClients.ConnectAsync(server);
        // The echo proves the server has registered the client, so the broadcast below reaches it.
        await client.SendMessageAsync(WebSocketMessageType.Text, "ping"u8.ToArray());
        Assert.Equal("ping", await client.ReceiveTextAsync());

        await ShellProcess.RunAsync("""printf 'from the pipe' > "$1" """, server.PipeIn);

        Assert.Equal("from the pipe", await client.ReceiveTextAsync());
        Assert.Equal("", Fifos.FileType(server.PipeOut));
    }
}
