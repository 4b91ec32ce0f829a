using Akka.Configuration;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>
/// Akka's defaults and the module's reference.conf (the broker loaded at start) with the split brain resolver as the node
/// configures it and test timings: gossip and leader actions several times a second,
/// a node is unreachable after 6 s of silence (twice the shipped default: the nodes share one process, and CI runs other test processes beside it), the split brain resolver acts after 2 s of stability.
/// Terminating a system does not leave the cluster on its own: that is a crash; leaving is explicit.
/// Host, port and remoting frame size are set by the node at start: here too.
/// Nodes log at INFO (the other tests at WARNING), so that a failing test's output tells who joined, was downed,
/// removed or moved Up when, and what the split brain resolver saw, as well as the warnings.
/// </summary>
internal static class MultiNodeConfig
{
    /// <summary>Every node's actor system has this name: nodes of one cluster must share it.</summary>
    public const string SystemName = "gwsocket";

    /// <summary>What a node sets at start for the default --max-frame-size: a whole 1 MiB message plus a batch around it.</summary>
    public const long MaximumFrameSize = 2 * 1024 * 1024;

    public static Config ForPort(int port) => ConfigurationFactory.ParseString($"""
        akka.loglevel = INFO
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = {port}
        akka.remote.dot-netty.tcp.maximum-frame-size = {MaximumFrameSize}b
        akka.cluster.seed-nodes = []
        akka.cluster.min-nr-of-members = 1
        akka.cluster.periodic-tasks-initial-delay = 100ms
        akka.cluster.gossip-interval = 200ms
        akka.cluster.leader-actions-interval = 200ms
        akka.cluster.unreachable-nodes-reaper-interval = 250ms
        akka.cluster.retry-unsuccessful-join-after = 1s
        akka.cluster.failure-detector.heartbeat-interval = 500ms
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 6s
        akka.cluster.split-brain-resolver.stable-after = 2s
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        akka.remote.retry-gate-closed-for = 200ms
        akka.actor.provider = cluster
        akka.cluster.downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
        akka.cluster.split-brain-resolver.active-strategy = keep-majority
        """).WithFallback(BrokerConfig.WithBroker);
}
