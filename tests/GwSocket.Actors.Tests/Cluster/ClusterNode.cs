using Akka.Actor;
using Akka.Cluster;
using GwSocket.Actors.Routing;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>One node of an in-process cluster: its actor system and its real router, named "router" as on every node.</summary>
public sealed class ClusterNode
{
    public ClusterNode(string name, ActorSystem system, RouterSettings settings)
    {
        Name = name;
        System = system;
        Router = system.ActorOf(GwSocket.Actors.Routing.Router.Props(settings), "router");
    }

    public string Name { get; }

    public ActorSystem System { get; }

    public IActorRef Router { get; }

    public Akka.Cluster.Cluster Cluster => Akka.Cluster.Cluster.Get(System);

    /// <summary>The address remoting actually bound (the config asks for port 0).</summary>
    public Address Address => Cluster.SelfAddress;

    public UniqueAddress UniqueAddress => Cluster.SelfUniqueAddress;

    public int UpMembers => Cluster.State.Members.Count(member => member.Status == MemberStatus.Up);

    public override string ToString() => $"{Name} ({Address})";
}
