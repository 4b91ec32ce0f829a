using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.Cluster;

/// <summary>
/// Three real gwsocket nodes on loopback, one broker, behind a real nginx: the docker-compose topology with processes.
/// Every node lists the three remoting ports as seeds (node 1's first, so node 1 starts the cluster), which is also
/// what lets any node, restarted with its very same command line, rejoin the others. Every file (FIFOs, nginx's
/// configuration, logs and temporary files) lives in a directory of the test's own; disposing kills every process.
/// </summary>
public sealed class LoopbackCluster : IAsyncDisposable
{
    private const int NodeCount = 3;

    private readonly TempDirectory _directory;
    private NginxProcess? _nginx;

    private LoopbackCluster(TempDirectory directory, IReadOnlyList<ClusterNode> nodes)
    {
        _directory = directory;
        Nodes = nodes;
    }

    public IReadOnlyList<ClusterNode> Nodes { get; }

    /// <summary>Node 1, 2 or 3.</summary>
    public ClusterNode this[int number] => Nodes[number - 1];

    public NginxProcess Nginx => _nginx ?? throw new InvalidOperationException("nginx is not started");

    public string Directory => _directory.FullPath;

    /// <summary>
    /// Starts the three nodes side by side, each with its pipe-out read from the start, waits until every node's
    /// router has met the two others, then starts nginx in front of them. Every node also gets <paramref name="options"/>.
    /// </summary>
    public static async Task<LoopbackCluster> StartAsync(params string[] options)
    {
        var directory = new TempDirectory();
        var ports = DistinctFreePorts(2 * NodeCount);
        var clusterPorts = ports.Skip(NodeCount).ToList();
        var nodes = Enumerable.Range(1, NodeCount)
            .Select(number => new ClusterNode(number, directory.FullPath, ports[number - 1], clusterPorts[number - 1], clusterPorts, options))
            .ToList();
        var cluster = new LoopbackCluster(directory, nodes);
        try
        {
            await Task.WhenAll(nodes.Select(node => node.StartAsync()));
            await cluster.WaitUntilFormedAsync();
            cluster._nginx = await NginxProcess.StartAsync(directory.FullPath, nodes.Select(node => node.HttpPort).ToList());
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops nginx (every connection through it breaks, and new ones are refused), runs <paramref name="whileDown"/>,
    /// then starts nginx again on the same port.
    /// </summary>
    public async Task WithNginxDownAsync(Func<Task> whileDown)
    {
        var port = Nginx.Port;
        await Nginx.DisposeAsync();
        _nginx = null;
        await whileDown();
        _nginx = await NginxProcess.StartAsync(Directory, Nodes.Select(node => node.HttpPort).ToList(), port);
    }

    /// <summary>The node whose current incarnation hands out ids of <paramref name="clientId"/>'s slot (its high 10 bits).</summary>
    public ClusterNode OwnerOf(uint clientId) =>
        Nodes.SingleOrDefault(node => node.Slot == clientId >> 22)
        ?? throw new InvalidOperationException($"no node has slot {clientId >> 22} (client {clientId}).{Diagnostics()}");

    /// <summary>Waits until every node is Up with a slot of its own and has logged that the two others joined the broker.</summary>
    public Task WaitUntilFormedAsync() =>
        WaitAsync(() => Nodes.All(node => node.Slot is not null && Nodes.Where(other => other != node).All(other => node.JoinedLines(other.Name) >= 1))
                && Nodes.Select(node => node.Slot).Distinct().Count() == NodeCount,
            "every node Up with a slot of its own and greeted by the two others", Timeouts.ClusterFormation);

    /// <summary>
    /// Restarts <paramref name="node"/> with its very same command line and waits until it is Up, has met the other
    /// nodes, and each of them has logged its joining once more.
    /// </summary>
    public async Task RestartAsync(ClusterNode node)
    {
        var others = Nodes.Where(other => other != node).ToList();
        var joinsBefore = others.ToDictionary(other => other, other => other.JoinedLinesOfEveryIncarnation(node.Name));
        await node.StartAsync();
        await WaitAsync(() => node.Slot is not null
                && others.All(other => node.JoinedLines(other.Name) >= 1 && other.JoinedLinesOfEveryIncarnation(node.Name) > joinsBefore[other]),
            $"{node.Name} restarted, Up and greeted by the others again", Timeouts.ClusterFormation);
    }

    /// <summary>Waits for <paramref name="condition"/>; on timeout, fails with what every process logged and every pipe-out showed.</summary>
    public Task WaitAsync(Func<bool> condition, string what, TimeSpan timeout) =>
        Eventually.TrueAsync(condition, () => $"never: {what} (waited {timeout.TotalSeconds} s).{Diagnostics()}", timeout);

    public string Diagnostics() =>
        string.Concat(Nodes.Select(node => node.Diagnostics())) + (_nginx?.Diagnostics() ?? "");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_nginx is not null)
            {
                await _nginx.DisposeAsync();
            }
        }
        finally
        {
            foreach (var node in Nodes)
            {
                await node.DisposeAsync();
            }

            _directory.Dispose();
        }
    }

    private static List<int> DistinctFreePorts(int count)
    {
        var ports = new HashSet<int>();
        while (ports.Count < count)
        {
            ports.Add(FreePort.Pick());
        }

        return ports.ToList();
    }
}
