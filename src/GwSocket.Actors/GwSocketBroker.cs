using Akka.Actor;
using GwSocket.Actors.Telemetry;

namespace GwSocket.Actors;

/// <summary>
/// The broker of one actor system (one node): an Akka extension, so that several nodes in one process each have their
/// own. It holds the node's counters, which its actors add to and its stats collector reads.
/// </summary>
public sealed class GwSocketBroker : IExtension
{
    internal GwSocketBroker(ExtendedActorSystem system)
    {
    }

    public static GwSocketBroker Get(ActorSystem system) => system.WithExtension<GwSocketBroker, GwSocketBrokerProvider>();

    /// <summary>What this node's connections, routers and network pipes have done.</summary>
    public NodeCounters Counters { get; } = new();
}

/// <summary>Creates the <see cref="GwSocketBroker"/> of an actor system, once.</summary>
public sealed class GwSocketBrokerProvider : ExtensionIdProvider<GwSocketBroker>
{
    public override GwSocketBroker CreateExtension(ExtendedActorSystem system) => new(system);
}
