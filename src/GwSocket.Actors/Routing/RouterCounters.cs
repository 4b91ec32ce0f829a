namespace GwSocket.Actors.Routing;

/// <summary>What the router has done so far, for logs, metrics and tests.</summary>
public sealed record RouterCounters(
    long Broadcasts,
    long Unicasts,
    long UnicastsToUnknownClients,
    int Connections,
    long UndeliveredToUnreachableNodes,
    int Peers);

/// <summary>Ask the router for its <see cref="RouterCounters"/>.</summary>
public sealed class GetRouterCounters
{
    public static readonly GetRouterCounters Instance = new();
}
