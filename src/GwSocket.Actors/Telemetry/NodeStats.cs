using GwSocket.Actors.NetworkPipes;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;

namespace GwSocket.Actors.Telemetry;

/// <summary>
/// One node's figures at one moment, as its stats collector assembled them; sent to every other node once a
/// second. Totals only: rates per second are differences between two snapshots. A pipe not in use is null;
/// <paramref name="NetworkPipes"/> are the network pipe's connections and records (zeros without a token).
/// </summary>
public sealed record NodeStats(
    string NodeName,
    string Address,
    long UnixTimeMilliseconds,
    ConnectionTotals Connections,
    RouterCounters Router,
    PipeIngestCounters? PipeIn,
    PipeOutCounters? PipeOut,
    ClusterTraffic ClusterTraffic,
    NetworkPipeCounters? NetworkPipes = null);
