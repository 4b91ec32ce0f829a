namespace GwSocket.Bench;

/// <summary>
/// The issue's points, grouped by the servers and clients they need: each group starts its own
/// server(s), so memory and CPU figures of one group are not disturbed by another's leftovers.
/// </summary>
internal sealed class BenchPoints(BenchOptions options, Action<string> progress)
{
    private const int ClientBufferBytes = 32 * 1024;
    private const int IdleClientBufferBytes = 4 * 1024;
    private static readonly int[] BroadcastSizes = [32, 1024, 64 * 1024];

    public List<PhaseResult> Deliveries { get; } = [];

    public List<ConnectResult> Connections { get; } = [];

    public List<StormResult> Storms { get; } = [];

    public async Task RunAsync()
    {
        if (options.Runs("single-100"))
            await SingleNodeAsync(100, withUnicast: false, withFixedRate: true);
        if (options.Runs("single-1000"))
            await SingleNodeAsync(1000, withUnicast: true, withFixedRate: false);
        if (options.Runs("idle"))
            await IdleAsync(deflate: false);
        if (options.Runs("idle-deflate"))
            await IdleAsync(deflate: true);
        if (options.Runs("cluster"))
            await ClusterAsync();
        if (options.Runs("deflate"))
            await DeflateAsync();
        if (options.Runs("storm"))
            await StormAsync(tls: false);
        if (options.Runs("storm-tls"))
            await StormAsync(tls: true);
    }

    /// <summary>A fresh node, and all its clients connecting at once (as when their node died).</summary>
    private async Task StormAsync(bool tls)
    {
        var point = $"reconnect storm, {options.StormClients} clients{(tls ? ", TLS" : "")}";
        progress($"{point}: starting 1 node");
        string[] arguments = [];
        if (tls)
        {
            var (certificate, key) = TlsFiles.Create(options.WorkDirectory);
            arguments = [$"--ssl-cert={certificate}", $"--ssl-key={key}"];
        }
        using var session = await BenchSession.StartAsync(options, 1, options.StormClients, arguments);
        var storm = await session.StormAsync(point, options.StormClients, tls);
        Storms.Add(storm);
        progress($"{point}: all open in {storm.Seconds:0.00} s, {storm.Failed} failed{(storm.FirstFailure is { } why ? $" (first: {why})" : "")}, " +
            $"handshake p50 {storm.P50Milliseconds:0} ms, p99 {storm.P99Milliseconds:0} ms, server {storm.ServerMicrosecondsPerHandshake:0} µs CPU per handshake");
    }

    private async Task SingleNodeAsync(int clients, bool withUnicast, bool withFixedRate)
    {
        using var session = await StartAsync(1, clients, $"single node, {clients} clients", ClientBufferBytes);
        await WarmUpFlatOutAsync(session);
        foreach (var size in BroadcastSizes)
            await MaxThenHalfAsync(session, $"broadcast {clients} × {Label(size)}", size, ProducerPlan.Broadcast);
        if (withFixedRate)
            Add(await session.RunPhaseAsync("100k deliveries/s of 1 KiB", 1024, ProducerPlan.Broadcast, 100_000.0 / clients, options.PhaseDuration));
        if (!withUnicast)
            return;
        var ids = await session.LearnIdsAsync();
        foreach (var size in new[] { 32, 1024 })
            await MaxThenHalfAsync(session, $"unicast {clients} × {Label(size)}", size, ids);
    }

    /// <param name="deflate">Every client negotiates permessage-deflate: it must cost an idle connection nothing.</param>
    private async Task IdleAsync(bool deflate)
    {
        using var session = await StartAsync(
            1, options.IdleConnections, $"single node, {options.IdleConnections} idle clients{(deflate ? ", deflate" : "")}", IdleClientBufferBytes, deflate);
    }

    /// <summary>
    /// The same JSON-like broadcast to clients that do not offer permessage-deflate, then to clients that all
    /// negotiate it, each on a fresh node; the idle connections of the second are measured negotiated too.
    /// </summary>
    private async Task DeflateAsync()
    {
        foreach (var deflate in new[] { false, true })
        {
            var how = deflate ? ", deflate" : "";
            using var session = await StartAsync(1, 1000, $"single node, 1000 clients{how}", ClientBufferBytes, deflate);
            var max = Add(await session.RunPhaseAsync($"broadcast 1000 × 1 KiB JSON{how}", 1024, ProducerPlan.Broadcast, 0, options.PhaseDuration, jsonLike: true));
            Add(await session.RunPhaseAsync($"broadcast 1000 × 1 KiB JSON{how}", 1024, ProducerPlan.Broadcast, Math.Max(1, Math.Round(max.RecordsPerSecond / 2)), options.PhaseDuration, jsonLike: true));
        }
    }

    private async Task ClusterAsync()
    {
        const int clients = 999;
        using var session = await StartAsync(3, clients, "three nodes, 333 clients each", ClientBufferBytes);
        await WarmUpFlatOutAsync(session);
        await MaxThenHalfAsync(session, "3 nodes: broadcast 999 × 1 KiB", 1024, ProducerPlan.Broadcast);
    }

    /// <summary>Starts the server(s), connects the clients (a measured point) and warms every route up.</summary>
    private async Task<BenchSession> StartAsync(int nodes, int clients, string point, int bufferBytes, bool deflate = false)
    {
        progress($"{point}: starting {nodes} node(s)");
        var session = await BenchSession.StartAsync(options, nodes, clients);
        try
        {
            var connected = await session.ConnectAsync(point, clients, bufferBytes, deflate);
            Connections.Add(connected);
            progress($"{point}: {connected.HandshakesPerSecond:0} handshakes/s, {connected.RssBytesPerConnection / 1024:0.0} KiB RSS per connection");
            await session.WarmUpAsync();
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// One unmeasured phase of 1 KiB broadcasts flat out, so that the first measured point finds the servers' code
    /// compiled as the later ones do (the just-in-time compiler otherwise takes a fifth of a fresh node's CPU in it).
    /// </summary>
    private async Task WarmUpFlatOutAsync(BenchSession session)
    {
        var warmUp = await session.RunPhaseAsync("warm-up", 1024, ProducerPlan.Broadcast, 0, options.PhaseDuration);
        progress($"warm-up: {warmUp.DeliveriesPerSecond:0} deliveries/s, server {warmUp.ServerMicrosecondsPerDelivery:0.00} µs/delivery; " +
            $"per delivery: {string.Join("; ", warmUp.Nodes.Select(node => node.Describe(warmUp.Deliveries, warmUp.Seconds)))}");
        if (warmUp.Lost > 0 || warmUp.OutOfOrder > 0)
            throw new InvalidOperationException($"the warm-up lost {warmUp.Lost} and reordered {warmUp.OutOfOrder} deliveries");
    }

    /// <summary>A phase as fast as pipe-in takes records, then one at half the rate it reached, for latency below saturation.</summary>
    private async Task MaxThenHalfAsync(BenchSession session, string point, int size, uint[] targets)
    {
        var max = Add(await session.RunPhaseAsync(point, size, targets, 0, options.PhaseDuration));
        Add(await session.RunPhaseAsync(point, size, targets, Math.Max(1, Math.Round(max.RecordsPerSecond / 2)), options.PhaseDuration));
    }

    private PhaseResult Add(PhaseResult result)
    {
        Deliveries.Add(result);
        progress($"{result.Point} at {(result.TargetRecordsPerSecond > 0 ? $"{result.TargetRecordsPerSecond:0} rec/s" : "max")}: " +
            $"{result.DeliveriesPerSecond:0} deliveries/s, p50 {result.P50Microseconds} µs, p99 {result.P99Microseconds} µs, " +
            $"lost {result.Lost}, out of order {result.OutOfOrder}, server {result.ServerMicrosecondsPerDelivery:0.00} µs/delivery, " +
            $"{result.WireBytesPerDelivery:0} B/delivery on the wire, bench CPU {result.BenchCpuPercent:0} %, peak server RSS {result.PeakServerRssBytes / 1048576.0:0} MiB; " +
            $"per delivery: {string.Join("; ", result.Nodes.Select(node => node.Describe(result.Deliveries, result.Seconds)))}");
        return result;
    }

    private static string Label(int size) => size >= 1024 ? $"{size / 1024} KiB" : $"{size} B";
}
