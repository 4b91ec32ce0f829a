using Akka.Actor;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Telemetry;

namespace GwSocket.Actors.Tests.Telemetry;

public sealed class StatsSerializerTests : TestKit
{
    [Fact]
    public void Node_stats_survive_the_round_trip_whole()
    {
        var serializer = new StatsSerializer((ExtendedActorSystem)Sys);
        var stats = new NodeStats(
            "node-a", "akka.tcp://gwsocket@10.0.0.1:4053", 1_700_000_000_123,
            new ConnectionTotals(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14),
            new RouterCounters(21, 22, 23, 24, 25, 26),
            new PipeIngestCounters(31, 32, 33, 34, 35, 36),
            null,
            new ClusterTraffic(41, 42, 43, 44));

        var decoded = serializer.FromBinary(serializer.ToBinary(stats), serializer.Manifest(stats));

        Assert.Equal(stats, decoded);
    }
}
