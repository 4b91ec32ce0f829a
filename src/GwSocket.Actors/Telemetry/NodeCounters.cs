using GwSocket.Actors.NetworkPipes;

namespace GwSocket.Actors.Telemetry;

/// <summary>The counters of one node, owned by its <see cref="GwSocketBroker"/>; the stats collector reads them once a second.</summary>
internal sealed class NodeCounters
{
    public ConnectionCounters Connections { get; } = new();

    public ClusterTrafficCounters ClusterTraffic { get; } = new();

    public NetworkPipeTotals NetworkPipes { get; } = new();
}
