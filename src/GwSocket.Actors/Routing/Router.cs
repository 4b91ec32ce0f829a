using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Telemetry;
using GwSocket.Protocol.Flow;

namespace GwSocket.Actors.Routing;

/// <summary>
/// One per node: knows the node's connections by client id and hands out the ids, delivers frames
/// from pipe-in to one client or to all (across the cluster through the other nodes' routers),
/// publishes client events to their subscribers (pipe-out), and closes every connection when the
/// node shuts down. Partial files: this one for the node's own clients, Router.Peers for the cluster.
/// </summary>
internal sealed partial class Router : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RouterSettings _settings;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly ClusterTrafficCounters _clusterTraffic = GwSocketBroker.Get(Context.System).Counters.ClusterTraffic;
    private readonly Dictionary<uint, LocalClient> _clients = [];
    private readonly Dictionary<IActorRef, uint> _idsByConnection = [];
    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly List<IActorRef> _waitingForAllClosed = [];
    private ClientIdAllocator? _ids;
    private CloseConnection? _closingAll;
    private long _broadcasts;
    private long _unicasts;
    private long _unicastsToUnknownClients;
    private long _undeliveredToUnreachableNodes;
    private long _undeliveredToRemovedNodes;

    public Router(RouterSettings settings)
    {
        _settings = settings;
        Receive<RegisterConnection>(OnRegister);
        Receive<ConnectionStopped>(OnConnectionStopped);
        Receive<Terminated>(terminated => _subscribers.Remove(terminated.ActorRef));
        Receive<ClientMessage>(OnLocalEvent);
        Receive<PipeInBatch>(OnPipeInBatch);
        Receive<SubscribeClientEvents>(OnSubscribe);
        Receive<CloseAllConnections>(OnCloseAll);
        Receive<GetRouterCounters>(_ => Sender.Tell(Counters()));
        Receive<RouterStreamProtocol.Started>(_ => Sender.Tell(RouterStreamProtocol.Ack.Instance));
        ReceiveFlowMessages();
        Receive<RouterStreamProtocol.Completed>(_ => { });
        Receive<RouterStreamProtocol.Failed>(failed => _log.Warning("pipe-in stream failed: {0}", failed.Cause.Message));
        ReceivePeerMessages();
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RouterSettings settings) => Akka.Actor.Props.Create(() => new Router(settings));

    public static Props Props() => Props(RouterSettings.Default);

    protected override void PreStart() => SubscribeToMembership();

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    /// <summary>Ids carry the node's slot, known once this node is Up; until then registrations wait.</summary>
    private void OnRegister(RegisterConnection register)
    {
        if (_ids is null)
        {
            Stash.Stash();
            return;
        }
        var id = _ids.Allocate();
        _clients[id] = new LocalClient(register.Connection, register.Client, new ClientCredit(_settings.MaxDelay));
        _idsByConnection[register.Connection] = id;
        register.Connection.Tell(new ConnectionRegistered(id));
        OnLocalEvent(new ClientOpened(id, register.Client.RemoteIp));
        if (_closingAll is not null)
            register.Connection.Tell(_closingAll);
    }

    private void OnConnectionStopped(ConnectionStopped stopped)
    {
        // Its registration may be stashed until this node is Up: the stop waits behind it.
        if (_ids is null)
        {
            Stash.Stash();
            return;
        }
        if (!_idsByConnection.Remove(stopped.Connection, out var id))
            return;
        _clients.Remove(id);
        _withoutRoom.Remove(id);
        _ids.Release(id);
        // The batch may have been held for this client only.
        DeliverWhenRoom();
        OnLocalEvent(new ClientClosed(id));
        ReplyIfAllClosed();
    }

    /// <summary>An event of this node's clients goes to local subscribers and to every node that wants it.</summary>
    private void OnLocalEvent(IClientEvent clientEvent)
    {
        Publish(clientEvent);
        EnqueueForPeersWantingEvents(PeerEntry.From(clientEvent));
    }

    /// <summary>A batch is acknowledged, so that pipe-in reads the next one, once its frames have gone to this node's clients.</summary>
    private void OnPipeInBatch(PipeInBatch batch)
    {
        foreach (var delivery in batch.Deliveries)
        {
            if (delivery.IsBroadcast)
                RouteBroadcast(delivery.Frame);
            else
                RouteUnicast(delivery.ClientId, delivery.Frame);
        }
        if (batch.AckOnceHandedOn)
            _acksWhenHandedOn.Add(new AckWhenHandedOn(Sender, _peers.Values.Select(peer => (peer, peer.Credit.Sent)).ToList()));
        else
            _acksWhenDelivered.Add(Sender);
        DeliverWhenRoom();
    }

    private void RouteBroadcast(byte[] frame)
    {
        _broadcasts++;
        _delivery.Broadcast(frame);
        EnqueueForEveryPeer(PeerEntry.Broadcast(frame));
    }

    private void RouteUnicast(uint clientId, byte[] frame)
    {
        if (_ids is not null && ClientIdLayout.SlotOf(clientId) == _ids.Slot)
            DeliverToLocalClient(clientId, frame);
        else
            EnqueueForOwner(clientId, frame);
    }

    private void DeliverToLocalClient(uint clientId, byte[] frame)
    {
        if (_clients.ContainsKey(clientId))
        {
            _unicasts++;
            _delivery.Unicast(clientId, frame);
        }
        else
        {
            _unicastsToUnknownClients++;
        }
    }

    private void OnSubscribe(SubscribeClientEvents subscribe)
    {
        if (_subscribers.Add(subscribe.Subscriber))
        {
            Context.Watch(subscribe.Subscriber);
            foreach (var (id, client) in _clients)
                subscribe.Subscriber.Tell(new ClientOpened(id, client.Endpoint.RemoteIp));
            foreach (var opened in RemoteClientsForSubscribers())
                subscribe.Subscriber.Tell(opened);
        }
        if (subscribe.Confirm)
            Sender.Tell(ClientEventsSubscribed.Instance);
    }

    private void Publish(IClientEvent clientEvent)
    {
        foreach (var subscriber in _subscribers)
            subscriber.Tell(clientEvent);
    }

    private void OnCloseAll(CloseAllConnections closeAll)
    {
        _closingAll = new CloseConnection(closeAll.Code, closeAll.Reason);
        _waitingForAllClosed.Add(Sender);
        foreach (var client in _clients.Values)
            client.Connection.Tell(_closingAll);
        ReplyIfAllClosed();
    }

    private void ReplyIfAllClosed()
    {
        if (_clients.Count > 0 || _waitingForAllClosed.Count == 0)
            return;
        // The closes just published must leave for the other nodes before this node goes away.
        FlushPeers();
        foreach (var waiting in _waitingForAllClosed)
            waiting.Tell(AllConnectionsClosed.Instance);
        _waitingForAllClosed.Clear();
    }

    private RouterCounters Counters() =>
        new(_broadcasts, _unicasts, _unicastsToUnknownClients, _clients.Count, _undeliveredToUnreachableNodes, PeerCount,
            HeldBackMilliseconds, ClientsBehind(), _clientsFoundSlow, _undeliveredToRemovedNodes);

    private sealed record LocalClient(IActorRef Connection, ClientEndpoint Endpoint, ClientCredit Credit);
}
