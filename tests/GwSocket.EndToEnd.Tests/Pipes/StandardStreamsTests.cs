using System.Diagnostics;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Pipes;

/// <summary>--std in a shell pipeline: stdin is pipe-in, stdout is pipe-out and carries nothing but client messages.</summary>
public sealed class StandardStreamsTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Std_reads_a_shell_pipeline_and_writes_only_client_messages_to_stdout()
    {
        var producerFifo = _files.File("producer");
        Fifos.Create(producerFifo);
        var port = FreePort.Pick();
        // `cat FIFO |` stands for `tail -f log |`: the test decides when the producer writes and when it ends.
        using var pipeline = StartShell("""cat "$1" | exec "$2" "$3" --std --port="$4" """, producerFifo, ServerBinary.DotnetHost, ServerBinary.DllPath, port.ToString());
        var stdout = new MemoryStream();
        var stdoutRead = ReadToEndAsync(pipeline.StandardOutput.BaseStream, stdout);
        var stderr = pipeline.StandardError.ReadToEndAsync();
        try
        {
            // Opening the FIFO waits for cat to open the other end.
            await using var producer = await Task.Run(() => new FileStream(producerFifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0))
                .WaitAsync(Timeouts.Startup);
            await WaitUntilListeningAsync(port);
            using var client = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(port));
            await client.SendMessageAsync(WebSocketMessageType.Text, "ping"u8.ToArray());
            await Eventually.TrueAsync(() => Snapshot(stdout) == "ping", () => $"stdout held '{Snapshot(stdout)}'");

            producer.Write("hello\n"u8);
            Assert.Equal("hello\n", await client.ReceiveTextAsync());
            await producer.DisposeAsync();
            await client.SendMessageAsync(WebSocketMessageType.Text, "bye"u8.ToArray());
            await Eventually.TrueAsync(() => Snapshot(stdout) == "pingbye", () => $"stdout held '{Snapshot(stdout)}'");

            PosixSignals.Terminate(GwSocketChildOf(pipeline.Id));
            await client.ReceiveCloseAsync(WebSocketCloseStatus.EndpointUnavailable);
            await pipeline.WaitForExitAsync().WaitAsync(Timeouts.Exit);
            await stdoutRead.WaitAsync(Timeouts.Receive);
            Assert.Equal("pingbye", Snapshot(stdout));
            Assert.Contains("standard input has ended", await stderr.WaitAsync(Timeouts.Receive));
        }
        finally
        {
            if (!pipeline.HasExited)
            {
                pipeline.Kill(entireProcessTree: true);
            }
        }
    }

    private static Process StartShell(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo("sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["-c", script, "sh", .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }

    private static async Task ReadToEndAsync(Stream source, MemoryStream into)
    {
        var buffer = new byte[4096];
        int count;
        while ((count = await source.ReadAsync(buffer)) > 0)
        {
            lock (into)
            {
                into.Write(buffer, 0, count);
            }
        }
    }

    private static string Snapshot(MemoryStream stream)
    {
        lock (stream)
        {
            return Encoding.UTF8.GetString(stream.ToArray());
        }
    }

    /// <summary>The gwsocket process the shell started for the last command of its pipeline.</summary>
    private static int GwSocketChildOf(int shellId) =>
        File.ReadAllText($"/proc/{shellId}/task/{shellId}/children")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(int.Parse)
            .Single(child => File.ReadAllText($"/proc/{child}/cmdline").Contains("gwsocket.dll", StringComparison.Ordinal));

    private static Task WaitUntilListeningAsync(int port) =>
        Eventually.TrueAsync(() => CanConnect(port), () => $"nothing listened on port {port}", Timeouts.Startup);

    private static bool CanConnect(int port)
    {
        try
        {
            using var socket = new TcpClient("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
