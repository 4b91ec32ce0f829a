using System.Diagnostics;

namespace GwSocket.Bench;

/// <summary>
/// A node takes over the clients of a node that died: they all connect at the same moment. Measured: the time until
/// every one is open, how many failed, and each one's time from its connect to its 101.
/// </summary>
internal static class ReconnectStorm
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    public static async Task<StormResult> RunAsync(string point, ServerNode server, int clients, bool tls)
    {
        var latency = new LatencyHistogram();
        var open = new Stream?[clients];
        var failures = 0;
        string? firstFailure = null;
        using var limit = new CancellationTokenSource(Limit);
        var cpuBefore = server.CpuSeconds();
        var rssBefore = server.RssBytes();
        var started = Stopwatch.GetTimestamp();
        // Every client starts now: each runs up to its first await (the connect) before the next one starts.
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async k =>
        {
            var clientStarted = Stopwatch.GetTimestamp();
            try
            {
                open[k] = await StormClient.OpenAsync(server.EndPoint, tls, limit.Token);
                latency.Record((long)Stopwatch.GetElapsedTime(clientStarted).TotalMicroseconds);
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref failures);
                Interlocked.CompareExchange(ref firstFailure, e.Message, null);
            }
        }).ToArray());
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var result = new StormResult(
            point, clients, seconds, failures, firstFailure,
            latency.Percentile(0.50) / 1000.0, latency.Percentile(0.99) / 1000.0, latency.Max / 1000.0,
            server.CpuSeconds() - cpuBefore, server.RssBytes() - rssBefore);
        foreach (var stream in open)
        {
            if (stream is not null)
                await stream.DisposeAsync();
        }
        return result;
    }
}

/// <summary>The figures of one reconnect storm.</summary>
internal sealed record StormResult(
    string Point,
    int Clients,
    double Seconds,
    int Failed,
    string? FirstFailure,
    double P50Milliseconds,
    double P99Milliseconds,
    double MaxMilliseconds,
    double ServerCpuSeconds,
    long ServerRssGrowth)
{
    public double ServerMicrosecondsPerHandshake => ServerCpuSeconds * 1e6 / Math.Max(1, Clients - Failed);
}
