using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One real gwsocket process (`dotnet gwsocket.dll ...`), with its output captured. Unless the test names them,
/// its pipes are FIFOs in a directory of its own, never the shared /tmp/wspipein.fifo and /tmp/wspipeout.fifo.
/// Disposing it kills the whole process tree and deletes that directory.
/// </summary>
public sealed class GwSocketProcess : IAsyncDisposable
{
    private const string PipeInName = "in.fifo";
    private const string PipeOutName = "out.fifo";

    private readonly Process _process;
    private readonly TempDirectory _pipes;

    private GwSocketProcess(Process process, int port, TempDirectory pipes)
    {
        _process = process;
        Port = port;
        _pipes = pipes;
    }

    /// <summary>The TCP port given with --port, or 0 when the test did not choose one.</summary>
    public int Port { get; }

    public int Id => _process.Id;

    /// <summary>The --pipein path given when the test named none.</summary>
    public string PipeIn => _pipes.File(PipeInName);

    /// <summary>The --pipeout path given when the test named none.</summary>
    public string PipeOut => _pipes.File(PipeOutName);

    public OutputCapture StandardOutput { get; } = new();

    public OutputCapture StandardError { get; } = new();

    /// <summary>Starts gwsocket on a free TCP port and waits until that port accepts connections.</summary>
    public static async Task<GwSocketProcess> StartAsync(params string[] options)
    {
        var port = FreePort.Pick();
        var server = Launch(port, [$"--port={port}", .. options]);
        await server.WaitUntilReadyOrDieAsync(ct => ProbeTcpAsync(port, ct));
        return server;
    }

    /// <summary>Starts gwsocket with --port=<paramref name="port"/> (a node restarted on its old port) and waits until that port accepts connections.</summary>
    public static async Task<GwSocketProcess> StartOnPortAsync(int port, params string[] options)
    {
        var server = Launch(port, [$"--port={port}", .. options]);
        await server.WaitUntilReadyOrDieAsync(ct => ProbeTcpAsync(port, ct));
        return server;
    }

    /// <summary>Starts gwsocket with --unix-socket=path and waits until that socket accepts connections.</summary>
    public static async Task<GwSocketProcess> StartOnUnixSocketAsync(string socketPath, params string[] options)
    {
        // A port of its own too, so that no two tests ever meet on the default 7890.
        var port = FreePort.Pick();
        var server = Launch(port, [$"--port={port}", $"--unix-socket={socketPath}", .. options]);
        await server.WaitUntilReadyOrDieAsync(ct => ProbeUnixAsync(socketPath, ct));
        return server;
    }

    /// <summary>Starts gwsocket with exactly these arguments and does not wait for anything.</summary>
    public static GwSocketProcess Launch(params string[] arguments) => Launch(0, arguments);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            // Once this returns, the redirected output has been read to its end too.
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"gwsocket (pid {Id}) did not exit within {timeout.TotalSeconds} s.{Diagnostics()}");
        }

        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL, as `kill -9`: the process gets no chance to close anything. Waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await WaitForExitAsync(Timeouts.Exit);
    }

    /// <summary>What the process wrote to stderr, for failure messages.</summary>
    public string Diagnostics() => $"{Environment.NewLine}--- gwsocket stderr ---{Environment.NewLine}{StandardError.Text}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        finally
        {
            _process.Dispose();
            _pipes.Dispose();
        }
    }

    private static GwSocketProcess Launch(int port, IReadOnlyList<string> arguments)
    {
        var pipes = new TempDirectory();
        var info = new ProcessStartInfo(ServerBinary.DotnetHost)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(ServerBinary.DllPath);
        foreach (var argument in WithOwnPipes(arguments, pipes))
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var server = new GwSocketProcess(process, port, pipes);
        process.OutputDataReceived += server.StandardOutput.OnLine;
        process.ErrorDataReceived += server.StandardError.OnLine;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private static IEnumerable<string> WithOwnPipes(IReadOnlyList<string> arguments, TempDirectory pipes)
    {
        if (!arguments.Any(argument => argument.StartsWith("--pipein", StringComparison.Ordinal)))
        {
            yield return $"--pipein={pipes.File(PipeInName)}";
        }

        if (!arguments.Any(argument => argument.StartsWith("--pipeout", StringComparison.Ordinal)))
        {
            yield return $"--pipeout={pipes.File(PipeOutName)}";
        }

        foreach (var argument in arguments)
        {
            yield return argument;
        }
    }

    private async Task WaitUntilReadyOrDieAsync(Func<CancellationToken, Task<bool>> probe)
    {
        try
        {
            await WaitUntilReadyAsync(probe);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(Func<CancellationToken, Task<bool>> probe)
    {
        using var deadline = new CancellationTokenSource(Timeouts.Startup);
        try
        {
            while (!await probe(deadline.Token))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException(
                        $"gwsocket exited with code {_process.ExitCode} before accepting connections.{Diagnostics()}");
                }

                await Task.Delay(Timeouts.Poll, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"gwsocket did not accept connections within {Timeouts.Startup.TotalSeconds} s.{Diagnostics()}");
        }
    }

    private static async Task<bool> ProbeTcpAsync(int port, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        return await TryConnectAsync(socket, new IPEndPoint(IPAddress.Loopback, port), ct);
    }

    private static async Task<bool> ProbeUnixAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        return await TryConnectAsync(socket, new UnixDomainSocketEndPoint(path), ct);
    }

    private static async Task<bool> TryConnectAsync(Socket socket, EndPoint endPoint, CancellationToken ct)
    {
        try
        {
            await socket.ConnectAsync(endPoint, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
