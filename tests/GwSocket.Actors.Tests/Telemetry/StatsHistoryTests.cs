using System.Text.Json;
using GwSocket.Actors.Telemetry;

namespace GwSocket.Actors.Tests.Telemetry;

/// <summary>The node's memory of the last minutes: a bounded ring per node, oldest first, forgotten with the node.</summary>
public sealed class StatsHistoryTests
{
    [Fact]
    public void Each_node_keeps_its_latest_stats_up_to_the_capacity_oldest_first()
    {
        var history = new StatsHistory(capacity: 3);
        for (var second = 1; second <= 5; second++)
            history.Record(Stats("n1", "akka.tcp://gwsocket@10.0.0.1:4053", second));
        history.Record(Stats("n2", "akka.tcp://gwsocket@10.0.0.2:4053", 5));

        var kept = history.Snapshot();

        Assert.Equal(["n1", "n2"], kept.Select(series => series[0].NodeName));
        Assert.Equal([3L, 4L, 5L], kept[0].Select(stats => stats.UnixTimeMilliseconds));
        Assert.Equal([5L], kept[1].Select(stats => stats.UnixTimeMilliseconds));
    }

    [Fact]
    public void A_node_no_longer_retained_is_forgotten()
    {
        var history = new StatsHistory(capacity: 180);
        history.Record(Stats("n1", "akka.tcp://gwsocket@10.0.0.1:4053", 1));
        history.Record(Stats("n2", "akka.tcp://gwsocket@10.0.0.2:4053", 1));

        history.Retain(new HashSet<string> { "akka.tcp://gwsocket@10.0.0.2:4053" });

        Assert.Equal(["n2"], history.Snapshot().Select(series => series[^1].NodeName));
    }

    // Only the fields the history looks at; the others keep their defaults.
    private static NodeStats Stats(string name, string address, long at) =>
        JsonSerializer.Deserialize<NodeStats>(JsonSerializer.Serialize(new { NodeName = name, Address = address, UnixTimeMilliseconds = at }))!;
}
