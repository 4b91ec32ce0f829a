using Akka.Actor;
using Akka.Cluster;
using GwSocket.Actors.NetworkPipes;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;

namespace GwSocket.Actors.Telemetry;

/// <summary>
/// Once per interval, asks the router and the pipes for their counters (Tell, no Ask) and, when the router answers,
/// assembles this node's <see cref="NodeStats"/> with the connections' counters read at that moment, so that the two
/// agree, and tells it to <see cref="StatsGossip"/>. A pipe's counters are its latest answer, there while its actor runs.
/// When it throws, its parent restarts it (logged with the stack): it holds nothing the next interval does not ask
/// again, and it watches the pipes again (a pipe that stopped meanwhile leaves the stats at once).
/// </summary>
public sealed class NodeStatsCollector : ReceiveActor, IWithTimers
{
    private NodeStatsSources _sources;
    private readonly IActorRef _gossip;
    private readonly string _nodeName;
    private readonly TimeSpan _interval;
    private readonly string _address;
    private PipeIngestCounters? _pipeIn;
    private PipeOutCounters? _pipeOut;
    private readonly NodeCounters _counters;

    public NodeStatsCollector(NodeStatsSources sources, IActorRef gossip, string nodeName, TimeSpan interval)
    {
        _sources = sources;
        _gossip = gossip;
        _nodeName = nodeName;
        _interval = interval;
        _address = Cluster.Get(Context.System).SelfAddress.ToString();
        _counters = GwSocketBroker.Get(Context.System).Counters;
        Receive<RouterCounters>(counters => _gossip.Tell(Snapshot(counters)));
        Receive<PipeIngestCounters>(counters => _pipeIn = counters);
        Receive<PipeOutCounters>(counters => _pipeOut = counters);
        Receive<CollectTick>(_ => AskSources());
        Receive<Terminated>(OnSourceStopped);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(NodeStatsSources sources, IActorRef gossip, string nodeName, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new NodeStatsCollector(sources, gossip, nodeName, interval));

    protected override void PreStart()
    {
        if (_sources.PipeIn is { } pipeIn)
            Context.Watch(pipeIn);
        if (_sources.PipeOut is { } pipeOut)
            Context.Watch(pipeOut);
        AskSources();
        Timers.StartPeriodicTimer(nameof(CollectTick), CollectTick.Instance, _interval);
    }

    private NodeStats Snapshot(RouterCounters router) => new(
        _nodeName,
        _address,
        DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        _counters.Connections.Snapshot(),
        router,
        _pipeIn,
        _pipeOut,
        _counters.ClusterTraffic.Snapshot(),
        _counters.NetworkPipes.Snapshot());

    /// <summary>A pipe whose actor stopped is not open any more: its counters leave the stats, which readiness reads.</summary>
    private void OnSourceStopped(Terminated terminated)
    {
        if (terminated.ActorRef.Equals(_sources.PipeIn))
        {
            _sources = _sources with { PipeIn = null };
            _pipeIn = null;
        }
        else if (terminated.ActorRef.Equals(_sources.PipeOut))
        {
            _sources = _sources with { PipeOut = null };
            _pipeOut = null;
        }
    }

    private void AskSources()
    {
        _sources.Router.Tell(GetRouterCounters.Instance);
        _sources.PipeIn?.Tell(GetPipeIngestCounters.Instance);
        _sources.PipeOut?.Tell(GetPipeOutCounters.Instance);
    }

    private sealed class CollectTick
    {
        public static readonly CollectTick Instance = new();
    }
}
