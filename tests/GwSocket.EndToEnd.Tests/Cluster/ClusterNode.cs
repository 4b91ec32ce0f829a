using System.Text.RegularExpressions;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.Cluster;

/// <summary>
/// One gwsocket node of a <see cref="LoopbackCluster"/>: fixed HTTP and remoting ports and its own strict-mode FIFOs, so
/// that a node killed or stopped can be started again exactly as it was. Each start is an incarnation with its own
/// process and its own pipe-out reader, which is reading before the process starts.
/// </summary>
public sealed partial class ClusterNode : IAsyncDisposable
{
    private readonly List<GwSocketProcess> _incarnations = [];
    private readonly List<PipeOutConsumer> _readers = [];
    private readonly string[] _options;

    public ClusterNode(int number, string directory, int httpPort, int clusterPort, IReadOnlyList<int> seedPorts, IReadOnlyList<string>? options = null)
    {
        Number = number;
        HttpPort = httpPort;
        ClusterPort = clusterPort;
        var own = Path.Combine(directory, Name);
        Directory.CreateDirectory(own);
        PipeIn = Path.Combine(own, "in");
        PipeOut = Path.Combine(own, "out");
        _options =
        [
            "--strict",
            "--cluster-host=127.0.0.1",
            $"--cluster-port={clusterPort}",
            .. seedPorts.Select(port => $"--seed=127.0.0.1:{port}"),
            $"--node-name={Name}",
            $"--pipein={PipeIn}",
            $"--pipeout={PipeOut}",
            .. options ?? [],
        ];
    }

    /// <summary>1, 2 or 3.</summary>
    public int Number { get; }

    /// <summary>The --node-name: n1, n2, n3.</summary>
    public string Name => $"n{Number}";

    public int HttpPort { get; }

    public int ClusterPort { get; }

    public string PipeIn { get; }

    public string PipeOut { get; }

    /// <summary>The current incarnation's process.</summary>
    public GwSocketProcess Process => _incarnations[^1];

    /// <summary>What the current incarnation wrote to pipe-out.</summary>
    public PipeOutConsumer Events => _readers[^1];

    /// <summary>The current incarnation's client-id slot, from its "node nK is Up" line; null until it is Up.</summary>
    public uint? Slot
    {
        get
        {
            var match = UpLine().Match(Process.StandardError.Text);
            return match.Success && match.Groups["name"].Value == Name ? uint.Parse(match.Groups["slot"].Value) : null;
        }
    }

    /// <summary>Starts a new incarnation with the same options, its pipe-out read from before it starts, and waits until its port accepts connections.</summary>
    public async Task StartAsync()
    {
        foreach (var fifo in (string[])[PipeIn, PipeOut])
        {
            if (!File.Exists(fifo))
            {
                Fifos.Create(fifo);
            }
        }

        var reader = PipeOutConsumer.Start(PipeOut);
        _readers.Add(reader);
        _incarnations.Add(await GwSocketProcess.StartOnPortAsync(HttpPort, _options));
    }

    /// <summary>How many times the current incarnation logged that <paramref name="peer"/> joined the broker.</summary>
    public int JoinedLines(string peer) => JoinedLines(Process, peer);

    /// <summary>How many times any incarnation logged that <paramref name="peer"/> joined the broker.</summary>
    public int JoinedLinesOfEveryIncarnation(string peer) => _incarnations.Sum(process => JoinedLines(process, peer));

    /// <summary>True once the current incarnation logged that <paramref name="peer"/> left the cluster gracefully.</summary>
    public bool LoggedRemovalOf(string peer) => LoggedDeparture(peer, " was removed from the cluster; ");

    /// <summary>True once the current incarnation logged that the split brain resolver downed <paramref name="peer"/>.</summary>
    public bool LoggedDowningOf(string peer) => LoggedDeparture(peer, " was downed; ");

    private bool LoggedDeparture(string peer, string how) =>
        Process.StandardError.Lines.Any(line => line.Contains($"node {peer} at ", StringComparison.Ordinal) && line.Contains(how, StringComparison.Ordinal));

    /// <summary>kill -9.</summary>
    public Task KillAsync() => Process.KillAsync();

    /// <summary>SIGTERM: the graceful stop.</summary>
    public void Terminate() => PosixSignals.Terminate(Process.Id);

    public string Diagnostics(int lastLines = 40)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < _incarnations.Count; i++)
        {
            var lines = _incarnations[i].StandardError.Lines;
            text.Append($"{Environment.NewLine}--- {Name}, incarnation {i + 1} (port {HttpPort}, remoting {ClusterPort}, " +
                $"{(_incarnations[i].HasExited ? "exited" : "running")}), last {Math.Min(lastLines, lines.Count)} of {lines.Count} stderr lines ---{Environment.NewLine}");
            text.AppendJoin(Environment.NewLine, lines.TakeLast(lastLines));
            text.Append($"{Environment.NewLine}--- {Name}, incarnation {i + 1}, pipe-out: {EventSummary.Of(_readers[i].Records)}");
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _incarnations)
        {
            await process.DisposeAsync();
        }

        foreach (var reader in _readers)
        {
            reader.Dispose();
        }
    }

    private static int JoinedLines(GwSocketProcess process, string peer) =>
        process.StandardError.Lines.Count(line => line.Contains($"node {peer} at ", StringComparison.Ordinal)
            && line.Contains("joined the broker", StringComparison.Ordinal));

    [GeneratedRegex(@"node (?<name>\S+) is Up: up-number \d+, client ids of slot (?<slot>\d+)")]
    private static partial Regex UpLine();
}
