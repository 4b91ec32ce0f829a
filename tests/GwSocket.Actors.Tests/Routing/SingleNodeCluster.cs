using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;

namespace GwSocket.Actors.Tests.Routing;

/// <summary>The router lives in a cluster, as on every node: a test system that is a cluster of one.</summary>
public static class SingleNodeCluster
{
    public static readonly Config Config = ConfigurationFactory.ParseString("""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        akka.cluster.min-nr-of-members = 1
        akka.loglevel = INFO
        """);

    public static void JoinSelf(ActorSystem system)
    {
        var cluster = Cluster.Get(system);
        cluster.Join(cluster.SelfAddress);
    }
}
