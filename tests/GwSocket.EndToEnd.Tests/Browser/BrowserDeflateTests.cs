using System.Text;
using System.Text.Json;
using GwSocket.EndToEnd.Tests.Compression;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.Browser;

/// <summary>
/// Headless Chromium offers permessage-deflate on its own, as every browser does: against a strict-mode server it
/// negotiates it, gets pipe-in broadcasts intact (text and binary, compressed), and its own compressed message
/// reaches pipe-out intact.
/// </summary>
public sealed class BrowserDeflateTests
{
    private const string Script = """
        async (url, hello) => {
          const socket = new WebSocket(url);
          socket.binaryType = 'arraybuffer';
          const messages = [];
          await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = () => reject(new Error('no open')); });
          const done = new Promise((resolve, reject) => {
            socket.onmessage = (e) => {
              messages.push(typeof e.data === 'string' ? { text: e.data } : { bytes: Array.from(new Uint8Array(e.data)) });
              if (e.data === 'end') resolve();
            };
            socket.onclose = (e) => reject(new Error(`closed with ${e.code} after ${messages.length} messages`));
            setTimeout(() => reject(new Error(`only ${messages.length} messages within 50 s`)), 50000);
          });
          socket.send(hello);
          await done;
          socket.onclose = null;
          socket.close(1000);
          return { extensions: socket.extensions, messages };
        }
        """;

    [Fact]
    public async Task Chromium_negotiates_deflate_receives_compressed_broadcasts_intact_and_its_compressed_message_reaches_pipe_out()
    {
        using var directory = new TempDirectory();
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        await using var browser = await HeadlessChromium.StartAsync(directory.File("chromium-profile"));
        using var deadline = new CancellationTokenSource(Timeouts.BrowserScript);
        var page = await browser.OpenPageAsync(deadline.Token);
        var hello = "hello from the browser " + ClientDeflate.Json(200);
        var json = ClientDeflate.Json(500);
        var binary = Enumerable.Range(0, 10000).Select(i => (byte)(i % 100)).ToArray();

        var conversation = page.EvaluateAsync(
            $"({Script})({JsonSerializer.Serialize($"ws://127.0.0.1:{server.Port}/")}, {JsonSerializer.Serialize(hello)})", deadline.Token);
        // Its message on pipe-out says the server has registered it: the broadcasts below reach it.
        await pipeOut.WaitForRecordsAsync(records => records.Any(r => r.Type == StrictRecord.Text), "the browser's message");
        await using (var producer = new FileStream(server.PipeIn, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0))
        {
            await producer.WriteAsync(StrictRecord.Pack(
                StrictRecord.TextFor(0, json), new StrictRecord(0, StrictRecord.Binary, binary), StrictRecord.TextFor(0, "end")));
        }
        var result = await conversation;

        var detail = $"{result}{server.Diagnostics()}{browser.Diagnostics()}";
        Assert.True(result.GetProperty("extensions").GetString()!.StartsWith("permessage-deflate", StringComparison.Ordinal), detail);
        var messages = result.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(3, messages.Count);
        Assert.Equal(json, messages[0].GetProperty("text").GetString());
        Assert.Equal(binary, messages[1].GetProperty("bytes").EnumerateArray().Select(b => b.GetByte()).ToArray());
        Assert.Equal(Encoding.UTF8.GetBytes(hello), pipeOut.Records.Single(r => r.Type == StrictRecord.Text).Payload);
        var metrics = await OpsHttp.ScrapeUntilAsync(server.Port,
            m => m.Value("gwsocket_compression_in_bytes_total", ("stage", "uncompressed")) >= hello.Length
                 && m.Value("gwsocket_compression_out_bytes_total", ("stage", "compressed")) > 0,
            "the browser's message inflated and the broadcasts compressed");
        Assert.True(metrics.Value("gwsocket_compression_out_bytes_total", ("stage", "compressed")) < json.Length / 3, detail);
    }
}
