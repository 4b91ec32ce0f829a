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

    /// <summary>
    /// A port from 12768-22767, once per run: not the kernel's port 0, which is released before the server binds it
    /// and may meanwhile go to any process binding port 0 (Akka remoting) from the ephemeral range (32768 up); and
    /// not the end-to-end tests' 22768-32767, which run beside these.
    /// </summary>
    private static int FreePort()
    {
        lock (HandedOut)
        {
            while (true)
            {
                var port = Random.Shared.Next(12_768, 22_768);
                if (!HandedOut.Add(port))
                    continue;
                try
                {
                    using var probe = new TcpListener(IPAddress.Loopback, port);
                    probe.Start();
                    return port;
                }
                catch (SocketException)
                {
                    // Taken: try another.
                }
            }
        }
    }

    private static readonly HashSet<int> HandedOut = [];

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
