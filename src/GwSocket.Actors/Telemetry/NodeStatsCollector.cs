using Akka.Actor;
using Akka.Cluster;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;

namespace GwSocket.Actors.Telemetry;

/// <summary>
/// Once per interval, assembles this node's <see cref="NodeStats"/> and tells it to <see cref="StatsGossip"/>.
/// The actors' counters are asked for with Tell, and their answers are used at the next tick: no Ask,
/// no waiting, at most one interval old. A pipe's counters are there while its actor runs.
/// </summary>
public sealed class NodeStatsCollector : ReceiveActor, IWithTimers
{
    private NodeStatsSources _sources;
    private readonly IActorRef _gossip;
    private readonly string _nodeName;
    private readonly TimeSpan _interval;
    private readonly string _address;
    private RouterCounters? _router;
    private PipeIngestCounters? _pipeIn;
    private PipeOutCounters? _pipeOut;

    public NodeStatsCollector(NodeStatsSources sources, IActorRef gossip, string nodeName, TimeSpan interval)
    {
        _sources = sources;
        _gossip = gossip;
        _nodeName = nodeName;
        _interval = interval;
        _address = Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<RouterCounters>(counters => _router = counters);
        Receive<PipeIngestCounters>(counters => _pipeIn = counters);
        Receive<PipeOutCounters>(counters => _pipeOut = counters);
        Receive<CollectTick>(_ => OnTick());
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

    private void OnTick()
    {
        if (_router is not null)
            _gossip.Tell(Snapshot(_router));
        AskSources();
    }

    private NodeStats Snapshot(RouterCounters router) => new(
        _nodeName,
        _address,
        DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        ConnectionCounters.Snapshot(),
        router,
        _pipeIn,
        _pipeOut,
        ClusterTrafficCounters.Snapshot());

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
