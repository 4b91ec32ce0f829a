namespace GwSocket.Bench;

/// <summary>
/// The figures one row of the deliveries table shows. Over several runs each figure is its median, except
/// losses and reordering, which are the worst run's: a run that lost a record must show.
/// </summary>
internal sealed record DeliveryRow(
    string Point,
    int Clients,
    int PayloadSize,
    double TargetRecordsPerSecond,
    double DeliveriesPerSecond,
    double MegabytesPerSecond,
    double P50Microseconds,
    double P99Microseconds,
    double MaxMicroseconds,
    long Lost,
    long OutOfOrder,
    double ServerMicrosecondsPerDelivery,
    double ServerCpuPercent,
    double BenchCpuPercent,
    double WireBytesPerDelivery,
    double PeakServerRssMiB)
{
    public static DeliveryRow From(PhaseResult r) => new(
        r.Point, r.Clients, r.PayloadSize, r.TargetRecordsPerSecond, r.DeliveriesPerSecond, r.MegabytesPerSecond,
        r.P50Microseconds, r.P99Microseconds, r.MaxMicroseconds, r.Lost, r.OutOfOrder,
        r.ServerMicrosecondsPerDelivery, r.ServerCpuPercent, r.BenchCpuPercent, r.WireBytesPerDelivery, r.PeakServerRssBytes / 1048576.0);

    public static DeliveryRow Median(IReadOnlyList<DeliveryRow> runs) => new(
        runs[0].Point, runs[0].Clients, runs[0].PayloadSize,
        runs.Median(r => r.TargetRecordsPerSecond), runs.Median(r => r.DeliveriesPerSecond), runs.Median(r => r.MegabytesPerSecond),
        runs.Median(r => r.P50Microseconds), runs.Median(r => r.P99Microseconds), runs.Median(r => r.MaxMicroseconds),
        runs.Max(r => r.Lost), runs.Max(r => r.OutOfOrder),
        runs.Median(r => r.ServerMicrosecondsPerDelivery), runs.Median(r => r.ServerCpuPercent), runs.Median(r => r.BenchCpuPercent),
        runs.Median(r => r.WireBytesPerDelivery), runs.Median(r => r.PeakServerRssMiB));
}

/// <summary>The figures one row of the connections table shows; over several runs, each is its median.</summary>
internal sealed record ConnectionRow(
    string Point,
    int Connections,
    double HandshakesPerSecond,
    double ServerRssBeforeMiB,
    double ServerRssAfterMiB,
    double RssKiBPerConnection,
    double ServerCpuSeconds,
    double BenchCpuSeconds)
{
    public static ConnectionRow From(ConnectResult r) => new(
        r.Point, r.Connections, r.HandshakesPerSecond, r.ServerRssBefore / 1048576.0, r.ServerRssAfter / 1048576.0,
        r.RssBytesPerConnection / 1024, r.ServerCpuSeconds, r.BenchCpuSeconds);

    public static ConnectionRow Median(IReadOnlyList<ConnectionRow> runs) => new(
        runs[0].Point, runs[0].Connections, runs.Median(r => r.HandshakesPerSecond),
        runs.Median(r => r.ServerRssBeforeMiB), runs.Median(r => r.ServerRssAfterMiB), runs.Median(r => r.RssKiBPerConnection),
        runs.Median(r => r.ServerCpuSeconds), runs.Median(r => r.BenchCpuSeconds));
}

/// <summary>The figures one row of the reconnect-storm table shows; over several runs, each is its median, failures the worst run's.</summary>
internal sealed record StormRow(
    string Point,
    int Clients,
    double Seconds,
    int Failed,
    double P50Milliseconds,
    double P99Milliseconds,
    double MaxMilliseconds,
    double ServerMicrosecondsPerHandshake)
{
    public static StormRow From(StormResult r) => new(
        r.Point, r.Clients, r.Seconds, r.Failed, r.P50Milliseconds, r.P99Milliseconds, r.MaxMilliseconds, r.ServerMicrosecondsPerHandshake);

    public static StormRow Median(IReadOnlyList<StormRow> runs) => new(
        runs[0].Point, runs[0].Clients, runs.Median(r => r.Seconds), runs.Max(r => r.Failed),
        runs.Median(r => r.P50Milliseconds), runs.Median(r => r.P99Milliseconds), runs.Median(r => r.MaxMilliseconds),
        runs.Median(r => r.ServerMicrosecondsPerHandshake));
}

internal static class MedianExtensions
{
    /// <summary>The middle value; with an even count, the mean of the two middle ones.</summary>
    public static double Median<T>(this IReadOnlyList<T> items, Func<T, double> figure)
    {
        var sorted = items.Select(figure).Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Row k of the result is the median of row k over the runs (every run measures the same points in the same order).</summary>
    public static List<TRow> MedianRows<TRow>(this IReadOnlyList<IReadOnlyList<TRow>> runs, Func<IReadOnlyList<TRow>, TRow> median) =>
        Enumerable.Range(0, runs.Min(run => run.Count)).Select(k => median(runs.Select(run => run[k]).ToArray())).ToList();
}
