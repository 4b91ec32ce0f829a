using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GwSocket.Bench;

/// <summary>One gwsocket process in strict mode on loopback, with FIFOs and a log file in the run's directory.</summary>
internal sealed class ServerNode : IDisposable
{
    private readonly Process _process;

    private ServerNode(Process process, string name, int port, string pipeIn, string pipeOut)
    {
        _process = process;
        Name = name;
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
        PipeIn = pipeIn;
        PipeOut = pipeOut;
    }

    public string Name { get; }

    public IPEndPoint EndPoint { get; }

    public string PipeIn { get; }

    public string PipeOut { get; }

    public int Pid => _process.Id;

    /// <summary>
    /// Starts the server and waits until it accepts TCP connections. <paramref name="extraArguments"/>: the
    /// cluster's for a node of several, TLS files, or none.
    /// </summary>
    public static async Task<ServerNode> StartAsync(string serverDll, string workDirectory, string name, int port, IEnumerable<string> extraArguments)
    {
        var pipeIn = Path.Combine(workDirectory, name + ".in");
        var pipeOut = Path.Combine(workDirectory, name + ".out");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        // The server decides its own I/O scheduling, as when users run it; this setting is the clients' own.
        start.Environment.Remove(InlineSocketCompletions.Variable);
        foreach (var argument in new[] { serverDll, "--strict", "--addr=127.0.0.1", $"--port={port}", $"--pipein={pipeIn}", $"--pipeout={pipeOut}" }.Concat(extraArguments))
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var log = new StreamWriter(Path.Combine(workDirectory, name + ".log")) { AutoFlush = true };
        process.ErrorDataReceived += (_, line) => WriteLog(log, line.Data);
        process.OutputDataReceived += (_, line) => WriteLog(log, line.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var node = new ServerNode(process, name, port, pipeIn, pipeOut);
        await node.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
        return node;
    }

    public double CpuSeconds() => ProcessStats.CpuSeconds(Pid);

    public long RssBytes() => ProcessStats.RssBytes(Pid);

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
    }

    private static void WriteLog(StreamWriter log, string? line)
    {
        if (line is null)
            return;
        lock (log)
            log.WriteLine(line);
    }

    private async Task WaitUntilListeningAsync(TimeSpan limit)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"server {Name} exited with code {_process.ExitCode}; see its log");
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await probe.ConnectAsync(EndPoint);
                return;
            }
            catch (SocketException) when (Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
