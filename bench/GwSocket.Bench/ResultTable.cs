using System.Globalization;
using System.Text;

namespace GwSocket.Bench;

/// <summary>The results as markdown tables: deliveries, connections, reconnect storms.</summary>
internal static class ResultTable
{
    public static string Deliveries(IEnumerable<DeliveryRow> results)
    {
        var table = new StringBuilder();
        table.AppendLine("| point | clients | payload | rate | deliveries/s | MB/s | p50 µs | p99 µs | max µs | lost | out of order | server CPU µs/delivery | server CPU % | bench CPU % | wire B/delivery | peak server RSS MiB |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            var rate = r.TargetRecordsPerSecond > 0 ? Number(r.TargetRecordsPerSecond) + " rec/s" : "max";
            table.AppendLine(Invariant(
                $"| {r.Point} | {r.Clients} | {Size(r.PayloadSize)} | {rate} | {Number(r.DeliveriesPerSecond)} | {r.MegabytesPerSecond:0} | {r.P50Microseconds:0} | {r.P99Microseconds:0} | {r.MaxMicroseconds:0} | {r.Lost} | {r.OutOfOrder} | {r.ServerMicrosecondsPerDelivery:0.00} | {r.ServerCpuPercent:0} | {r.BenchCpuPercent:0} | {r.WireBytesPerDelivery:0} | {r.PeakServerRssMiB:0} |"));
        }
        return table.ToString();
    }

    public static string Connections(IEnumerable<ConnectionRow> results)
    {
        var table = new StringBuilder();
        table.AppendLine("| point | connections | handshakes/s | server RSS before MiB | after MiB | server RSS per connection | server CPU s | bench CPU s |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            table.AppendLine(Invariant(
                $"| {r.Point} | {r.Connections} | {Number(r.HandshakesPerSecond)} | {r.ServerRssBeforeMiB:0.0} | {r.ServerRssAfterMiB:0.0} | {r.RssKiBPerConnection:0.0} KiB | {r.ServerCpuSeconds:0.00} | {r.BenchCpuSeconds:0.00} |"));
        }
        return table.ToString();
    }

    public static string Storms(IEnumerable<StormRow> results)
    {
        var table = new StringBuilder();
        table.AppendLine("| point | clients | all open after | failed | handshake p50 | p99 | max | server CPU per handshake |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            table.AppendLine(Invariant(
                $"| {r.Point} | {r.Clients} | {r.Seconds:0.00} s | {r.Failed} | {r.P50Milliseconds:0} ms | {r.P99Milliseconds:0} ms | {r.MaxMilliseconds:0} ms | {r.ServerMicrosecondsPerHandshake:0} µs |"));
        }
        return table.ToString();
    }

    private static string Size(int bytes) => bytes >= 1024 ? $"{bytes / 1024} KiB" : $"{bytes} B";

    private static string Number(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
