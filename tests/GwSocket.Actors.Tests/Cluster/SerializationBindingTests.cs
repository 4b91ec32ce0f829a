using Akka.Configuration;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.Routing;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>The bindings of the module's reference.conf make Akka pick our serializers, with the ids it lists, on Akka's defaults alone.</summary>
public sealed class SerializationBindingTests(ITestOutputHelper output)
    : TestKit(BrokerConfig.WithBroker, output: output)
{
    [Fact]
    public void The_serializers_have_the_ids_listed_under_serialization_identifiers()
    {
        var cluster = Sys.Serialization.FindSerializerFor(new PeerGrant(1));
        var stats = Sys.Serialization.FindSerializerForType(typeof(GwSocket.Actors.Telemetry.NodeStats));

        Assert.Equal(7890, Assert.IsType<ClusterMessageSerializer>(cluster).Identifier);
        Assert.Equal(7891, Assert.IsType<GwSocket.Actors.Telemetry.StatsSerializer>(stats).Identifier);
    }

    [Fact]
    public void PeerBatch_is_bound_to_the_cluster_message_serializer()
    {
        var serializer = Sys.Serialization.FindSerializerFor(new PeerBatch([PeerEntry.Broadcast([1])]));

        Assert.IsType<ClusterMessageSerializer>(serializer);
    }

    [Fact]
    public void PeerHello_is_bound_to_the_cluster_message_serializer()
    {
        var serializer = Sys.Serialization.FindSerializerFor(new PeerHello(0, 1, "node", true, false));

        Assert.IsType<ClusterMessageSerializer>(serializer);
    }

    [Fact]
    public void A_batch_round_trips_through_akka_serialization_with_its_manifest()
    {
        var entries = new List<PeerEntry> { PeerEntry.Unicast(5, [1, 2, 3]), PeerEntry.From(new ClientClosed(5)) };
        var batch = new PeerBatch(entries);
        var serializer = Sys.Serialization.FindSerializerFor(batch);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, batch);

        var decoded = Sys.Serialization.Deserialize(serializer.ToBinary(batch), serializer.Identifier, manifest);

        PeerEntryComparison.AssertSameEntries(entries, Assert.IsType<PeerBatch>(decoded).Entries);
    }
}
