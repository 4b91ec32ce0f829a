using System.IO.Pipelines;
using Akka.Actor;
using Akka.Event;

namespace GwSocket.Actors.NetworkPipes;

/// <summary>Serves the upgraded connections of the network pipe (<see cref="NetworkPipeSettings.Path"/>) of this node.</summary>
public sealed class NetworkPipeEndpoint(ActorSystem system, IActorRef router, NetworkPipeSettings settings)
{
    private readonly ILoggingAdapter _log = Logging.GetLogger(system, typeof(NetworkPipeEndpoint));
    private readonly NetworkPipeTotals _totals = GwSocketBroker.Get(system).Counters.NetworkPipes;

    public NetworkPipeSettings Settings => settings;

    /// <summary>
    /// Owns <paramref name="transport"/> until the connection ends. What it holds unflushed (the 101) goes out first,
    /// once a watcher is subscribed to the clients' events.
    /// </summary>
    /// <param name="peer">The producer's address, for the log.</param>
    /// <param name="query">What the connection asked for: events back, the end of their snapshot marked, acknowledgements.</param>
    /// <param name="stopping">The node stops: the connection gets close 1001.</param>
    public Task ServeAsync(IDuplexPipe transport, string peer, NetworkPipeQuery query, CancellationToken stopping) =>
        new NetworkPipeConnection(transport, settings, router, peer, query.Acknowledge, _log, _totals).RunAsync(system, query, stopping);

    /// <summary>A request for the pipe path with a missing or wrong token: counted and logged without anything it sent.</summary>
    public void AuthFailed(string peer)
    {
        _totals.AuthFailed();
        _log.Warning("network pipe: {0} was refused: missing or wrong bearer token (401)", peer);
    }

    /// <summary>A pipe connection beyond the node's cap.</summary>
    public void RefusedAtCap(string peer, int cap)
    {
        _totals.RefusedAtCap();
        _log.Warning("network pipe: {0} was refused: {1} pipe connections are open (--max-pipe-connections) (503)", peer, cap);
    }
}
