using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace GwSocket.Actors.Telemetry;

/// <summary>
/// <see cref="NodeStats"/> between nodes, once a second each: JSON (System.Text.Json) is small enough here and
/// readable on the wire; the hot path keeps the binary ClusterMessageSerializer. Its id is in reference.conf.
/// </summary>
internal sealed class StatsSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private const string NodeStatsManifest = "NodeStats";

    public override byte[] ToBinary(object obj) => obj switch
    {
        NodeStats stats => JsonSerializer.SerializeToUtf8Bytes(stats),
        _ => throw new ArgumentException($"cannot serialize {obj.GetType()}", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        NodeStatsManifest => JsonSerializer.Deserialize<NodeStats>(bytes) ?? throw new SerializationException("empty NodeStats"),
        _ => throw new SerializationException($"unknown manifest '{manifest}'"),
    };

    public override string Manifest(object o) => o switch
    {
        NodeStats => NodeStatsManifest,
        _ => throw new ArgumentException($"cannot serialize {o.GetType()}", nameof(o)),
    };
}
