namespace GwSocket.Actors.Routing;

/// <summary>What the router has done so far, for logs, metrics and tests.</summary>
/// <param name="HeldBackMilliseconds">Time pipe-in (and the other nodes' batches) waited for clients to make room, in all.</param>
/// <param name="ClientsBehind">Clients that the batch waiting now waits for.</param>
/// <param name="ClientsFoundSlow">Clients that held the producer back longer than the delay limit and got the slow-client policy.</param>
/// <param name="UndeliveredToRemovedNodes">Frames that were waiting to go to a node when it was removed from the cluster.</param>
public sealed record RouterCounters(
    long Broadcasts,
    long Unicasts,
    long UnicastsToUnknownClients,
    int Connections,
    long UndeliveredToUnreachableNodes,
    int Peers,
    long HeldBackMilliseconds = 0,
    int ClientsBehind = 0,
    long ClientsFoundSlow = 0,
    long UndeliveredToRemovedNodes = 0);

/// <summary>Ask the router for its <see cref="RouterCounters"/>.</summary>
internal sealed class GetRouterCounters
{
    public static readonly GetRouterCounters Instance = new();
}
