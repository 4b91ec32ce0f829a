using Akka.Configuration;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.Hosting;

/// <summary>The Akka settings that follow from gwsocket's own: where this node listens for the others, whom it joins.</summary>
internal static class ClusterHocon
{
    public const string SystemName = "gwsocket";

    /// <summary>Room in one remote message for a whole max-size message plus a full batch around it.</summary>
    private const long BatchAllowance = 1024 * 1024;

    public static Config For(GwSocketSettings settings)
    {
        var seeds = string.Join(", ", settings.Seeds.Select(seed => Quote(SeedAddress(seed))));
        return ConfigurationFactory.ParseString($"""
            akka.remote.dot-netty.tcp.hostname = {Quote(settings.EffectiveClusterHost)}
            akka.remote.dot-netty.tcp.port = {settings.ClusterPort}
            akka.remote.dot-netty.tcp.maximum-frame-size = {RemoteFrameSize(settings.MaxFrameSize)}b
            akka.cluster.seed-nodes = [{seeds}]
            """);
    }

    /// <summary>
    /// The cluster's crash-detection ticks, under the loaded HOCON: twice a second on a node with seeds, so that a crashed
    /// node is marked unreachable and removed soon after its failure detector gives up; none on a cluster of one, which
    /// has no other node to detect: Akka's once a second, in step with its other periodic tasks.
    /// </summary>
    public static Config CrashDetectionTicks(GwSocketSettings settings) => settings.Seeds.Count == 0
        ? Config.Empty
        : ConfigurationFactory.ParseString("""
            akka.cluster.unreachable-nodes-reaper-interval = 500ms
            akka.cluster.leader-actions-interval = 500ms
            """);

    /// <summary>
    /// A max-size message plus a batch, within Akka.Remote's int: Akka casts a larger value unchecked, which
    /// fails its start (2 GiB) or silently shrinks the frame (4 GiB gives 1 MiB). No message is larger than an array anyway.
    /// </summary>
    private static long RemoteFrameSize(long maxFrameSize) => Math.Min(maxFrameSize, int.MaxValue - BatchAllowance) + BatchAllowance;

    public static string SeedAddress(SeedNode seed) => $"akka.tcp://{SystemName}@{seed.Host}:{seed.Port}";

    public static string Quote(string value) => $"\"{value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";
}
