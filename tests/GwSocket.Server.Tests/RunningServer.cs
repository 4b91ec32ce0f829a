using System.Net;
using System.Net.Sockets;
using GwSocket.Server.CommandLine;
using GwSocket.Server.Hosting;

namespace GwSocket.Server.Tests;

/// <summary>
/// The whole server, in this process, on a free loopback port, with FIFOs in a directory of its own (not the shared
/// /tmp defaults), stopped as SIGTERM would stop it.
/// </summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _run;
    private readonly TempFiles _pipes;

    private RunningServer(int port, CancellationTokenSource stop, Task<int> run, TempFiles pipes)
    {
        Port = port;
        _stop = stop;
        _run = run;
        _pipes = pipes;
    }

    public int Port { get; }

    public Uri WebSocketUri => new($"ws://127.0.0.1:{Port}/any/path");

    public Uri HttpUri => new($"http://127.0.0.1:{Port}/");

    public static async Task<RunningServer> StartAsync(params string[] args)
    {
        var port = FreePort();
        var pipes = new TempFiles();
        var run = Assert.IsType<CommandLineOutcome.RunServer>(GwSocketCommandLine.Parse(
            [$"--port={port}", "--addr=127.0.0.1", $"--pipein={pipes.PathOf("in.fifo")}", $"--pipeout={pipes.PathOf("out.fifo")}", .. args]));
        var stop = new CancellationTokenSource();
        var server = new RunningServer(port, stop, GwSocketServer.RunAsync(run.Settings, run.Hocon, stop.Token), pipes);
        await server.WaitUntilListeningAsync();
        return server;
    }

    /// <summary>Stops the server and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run.WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted)
            await StopAsync();
        _stop.Dispose();
        _pipes.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (_run.IsCompleted)
                throw new InvalidOperationException($"the server exited with {await _run}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
