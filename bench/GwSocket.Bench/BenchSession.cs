using System.Diagnostics;

namespace GwSocket.Bench;

/// <summary>
/// Running servers (one, or a cluster on loopback) with their pipes, and the clients connected to them.
/// The producer writes into the first node's pipe-in, or its network pipe; clients are spread over the nodes in turn.
/// </summary>
internal sealed class BenchSession : IDisposable
{
    private const int ConnectConcurrency = 64;
    private static readonly TimeSpan DrainStall = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(60);

    private readonly ServerNode[] _nodes;
    private readonly PipeOutReader[] _pipeOuts;
    private readonly IRecordProducer _producer;
    private readonly List<WsClient> _clients = [];
    private readonly LatencyHistogram _latency = new();
    private readonly CompressedStamps _compressedStamps = new();
    private uint _phase;

    private BenchSession(ServerNode[] nodes, PipeOutReader[] pipeOuts, IRecordProducer producer)
    {
        _nodes = nodes;
        _pipeOuts = pipeOuts;
        _producer = producer;
    }

    /// <param name="serverArguments">Given to every node, after the benchmark's own.</param>
    public static async Task<BenchSession> StartAsync(BenchOptions options, int nodeCount, int maxClients, IEnumerable<string>? serverArguments = null)
    {
        var nodes = new List<ServerNode>();
        try
        {
            for (var k = 0; k < nodeCount; k++)
            {
                var arguments = ClusterArguments(options, nodeCount, k).Concat(options.NetworkProducer ? [$"--pipe-token-file={options.PipeTokenFile}"] : []).Concat(serverArguments ?? []);
                nodes.Add(await ServerNode.StartAsync(options.ServerDll, options.WorkDirectory, $"n{k + 1}", options.BasePort + k, arguments));
            }
            var pipeOuts = nodes.Select(node => new PipeOutReader(node.PipeOut, maxClients)).ToArray();
            var producer = await Task.Run<IRecordProducer>(() => options.NetworkProducer
                ? new NetworkPipeProducer(new Uri($"ws://127.0.0.1:{nodes[0].EndPoint.Port}/gwsocket/pipe"), options.PipeToken)
                : new PipeInProducer(nodes[0].PipeIn)).WaitAsync(TimeSpan.FromSeconds(30));
            return new BenchSession([.. nodes], pipeOuts, producer);
        }
        catch
        {
            foreach (var node in nodes)
                node.Dispose();
            throw;
        }
    }

    public int ClientCount => _clients.Count;

    /// <summary>Clients of the session's first node all connecting at once; they are closed again once measured.</summary>
    public Task<StormResult> StormAsync(string point, int clients, bool tls) => ReconnectStorm.RunAsync(point, _nodes[0], clients, tls);

    public double ServerCpuSeconds() => _nodes.Sum(node => node.CpuSeconds());

    public long ServerRssBytes() => _nodes.Sum(node => node.RssBytes());

    /// <summary>Connects <paramref name="count"/> more clients, a bounded number of handshakes at a time.</summary>
    /// <param name="deflate">The clients offer permessage-deflate, as browsers do.</param>
    public async Task<ConnectResult> ConnectAsync(string point, int count, int bufferSize, bool deflate = false)
    {
        var rssBefore = ServerRssBytes();
        var cpuBefore = ServerCpuSeconds();
        var ownBefore = ProcessStats.OwnCpuSeconds();
        var started = Stopwatch.GetTimestamp();
        var first = _clients.Count;
        var fresh = Enumerable.Range(first, count).Select(_ => new WsClient(bufferSize, _latency, deflate ? _compressedStamps : null)).ToArray();
        _clients.AddRange(fresh);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = ConnectConcurrency, CancellationToken = timeout.Token },
            async (i, cancel) => await fresh[i].ConnectAsync(_nodes[(first + i) % _nodes.Length].EndPoint, cancel));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        // Let the registrations and their open events settle before memory is read.
        await Task.Delay(1000);
        return new ConnectResult(point, count, seconds, rssBefore, ServerRssBytes(), ServerCpuSeconds() - cpuBefore, ProcessStats.OwnCpuSeconds() - ownBefore);
    }

    /// <summary>Broadcasts warm-up records until every client got one: all nodes have met and every route is up.</summary>
    public async Task WarmUpAsync()
    {
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        while (!_clients.All(client => client.Counters.SawWarmup))
        {
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"{_clients.Count(c => !c.Counters.SawWarmup)} clients got no warm-up record in 60 s");
            await Task.Run(_producer.WriteWarmup);
            await Task.Delay(200);
        }
    }

    /// <summary>Every client says hello; their ids come back through the first node's pipe-out (events of the whole cluster).</summary>
    public async Task<uint[]> LearnIdsAsync()
    {
        for (var k = 0; k < _clients.Count; k++)
            _clients[k].SendText(PipeOutReader.HelloFrom(k));
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (true)
        {
            var ids = Enumerable.Range(0, _clients.Count).Select(_pipeOuts[0].IdOf).ToArray();
            if (ids.All(id => id != 0))
                return ids;
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"pipe-out gave the ids of {ids.Count(id => id != 0)} of {ids.Length} clients in 30 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Writes one phase of records and waits until every client has them all (or stops progressing).</summary>
    public async Task<PhaseResult> RunPhaseAsync(string point, int payloadSize, uint[] targets, double recordsPerSecond, TimeSpan duration, bool jsonLike = false)
    {
        var plan = new ProducerPlan(++_phase, payloadSize, targets, recordsPerSecond, duration, jsonLike);
        var wireBefore = _clients.Sum(client => client.BytesReceived);
        _latency.Reset();
        var nodesBefore = _nodes.Select(NodeCost.Read).ToArray();
        var cpuBefore = ServerCpuSeconds();
        var ownBefore = ProcessStats.OwnCpuSeconds();
        var started = Stopwatch.GetTimestamp();
        using var peakRss = new PeakRssSampler(ServerRssBytes);
        var records = await Task.Factory.StartNew(() => _producer.Run(plan), TaskCreationOptions.LongRunning);
        var expected = Enumerable.Range(0, _clients.Count).Select(k => plan.ExpectedBy(k, records)).ToArray();
        var received = await DrainAsync(plan.Phase, expected);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var peakRssBytes = peakRss.Stop();
        var serverCpu = ServerCpuSeconds() - cpuBefore;
        var ownCpu = ProcessStats.OwnCpuSeconds() - ownBefore;
        var nodes = _nodes.Select((node, k) => NodeCost.Read(node).Since(nodesBefore[k])).ToArray();
        var outOfOrder = _clients.Sum(client => client.Counters.Gaps + client.Counters.Duplicates + client.Counters.Malformed);
        return new PhaseResult(
            point, _clients.Count, payloadSize, recordsPerSecond, records, received, seconds,
            _latency.Percentile(0.50), _latency.Percentile(0.99), _latency.Max,
            expected.Sum() - received, outOfOrder, serverCpu, ownCpu, _clients.Sum(client => client.BytesReceived) - wireBefore, peakRssBytes, nodes);
    }

    public void Dispose()
    {
        foreach (var client in _clients)
            client.Dispose();
        _producer.Dispose();
        foreach (var pipeOut in _pipeOuts)
            pipeOut.Dispose();
        foreach (var node in _nodes)
            node.Dispose();
    }

    private static IEnumerable<string> ClusterArguments(BenchOptions options, int nodeCount, int k)
    {
        if (nodeCount == 1)
            return [];
        return
        [
            "--cluster-host=127.0.0.1",
            $"--cluster-port={options.BaseClusterPort + k}",
            $"--seed=127.0.0.1:{options.BaseClusterPort}",
            $"--node-name=n{k + 1}",
        ];
    }

    /// <summary>Waits for the deliveries; returns at completion, after a stall, or at the limit, with what arrived.</summary>
    private async Task<long> DrainAsync(uint phase, long[] expected)
    {
        var started = Stopwatch.GetTimestamp();
        var lastProgress = started;
        long lastTotal = -1;
        while (true)
        {
            long total = 0;
            var complete = true;
            for (var k = 0; k < _clients.Count; k++)
            {
                var got = _clients[k].Counters.ReceivedIn(phase);
                total += got;
                complete &= got >= expected[k];
            }
            var now = Stopwatch.GetTimestamp();
            if (total != lastTotal)
                (lastTotal, lastProgress) = (total, now);
            if (complete || Stopwatch.GetElapsedTime(lastProgress) > DrainStall || Stopwatch.GetElapsedTime(started) > DrainLimit)
                return total;
            await Task.Delay(2);
        }
    }
}
