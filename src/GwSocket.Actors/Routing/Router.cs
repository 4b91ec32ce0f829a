using Akka.Actor;
using Akka.Event;
using GwSocket.Actors.Connections;

namespace GwSocket.Actors.Routing;

/// <summary>
/// One per node: knows the node's connections by client id, hands out the ids, delivers frames
/// from pipe-in to one client or to all, publishes client events to their subscribers (pipe-out),
/// and closes every connection when the node shuts down.
/// </summary>
public sealed class Router : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ClientIdAllocator _ids = new();
    private readonly Dictionary<uint, LocalClient> _clients = [];
    private readonly Dictionary<IActorRef, uint> _idsByConnection = [];
    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly List<IActorRef> _waitingForAllClosed = [];
    private CloseConnection? _closingAll;
    private long _broadcasts;
    private long _unicasts;
    private long _unicastsToUnknownClients;

    public Router()
    {
        Receive<RegisterConnection>(OnRegister);
        Receive<Terminated>(OnTerminated);
        Receive<ClientMessage>(Publish);
        Receive<Broadcast>(OnBroadcast);
        Receive<Unicast>(OnUnicast);
        Receive<SubscribeClientEvents>(OnSubscribe);
        Receive<CloseAllConnections>(OnCloseAll);
        Receive<GetRouterCounters>(_ => Sender.Tell(new RouterCounters(_broadcasts, _unicasts, _unicastsToUnknownClients, _clients.Count)));
        Receive<RouterStreamProtocol.Started>(_ => Sender.Tell(RouterStreamProtocol.Ack.Instance));
        Receive<RouterStreamProtocol.Completed>(_ => { });
        Receive<RouterStreamProtocol.Failed>(failed => _log.Warning("pipe-in stream failed: {0}", failed.Cause.Message));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new Router());

    private void OnRegister(RegisterConnection register)
    {
        var id = _ids.Allocate();
        _clients[id] = new LocalClient(register.Connection, register.Client);
        _idsByConnection[register.Connection] = id;
        Context.Watch(register.Connection);
        register.Connection.Tell(new ConnectionRegistered(id));
        Publish(new ClientOpened(id, register.Client.RemoteIp));
        if (_closingAll is not null)
            register.Connection.Tell(_closingAll);
    }

    private void OnTerminated(Terminated terminated)
    {
        if (_subscribers.Remove(terminated.ActorRef))
            return;
        if (!_idsByConnection.Remove(terminated.ActorRef, out var id))
            return;
        _clients.Remove(id);
        _ids.Release(id);
        Publish(new ClientClosed(id));
        ReplyIfAllClosed();
    }

    private void OnBroadcast(Broadcast broadcast)
    {
        _broadcasts++;
        var send = new SendFrame(broadcast.Frame);
        foreach (var client in _clients.Values)
            client.Connection.Tell(send);
        AckIfFromStream();
    }

    private void OnUnicast(Unicast unicast)
    {
        if (_clients.TryGetValue(unicast.ClientId, out var client))
        {
            _unicasts++;
            client.Connection.Tell(new SendFrame(unicast.Frame));
        }
        else
        {
            _unicastsToUnknownClients++;
        }
        AckIfFromStream();
    }

    /// <summary>Frames from a pipe-ingest stream are acknowledged so that it may send the next one.</summary>
    private void AckIfFromStream()
    {
        if (!Sender.IsNobody())
            Sender.Tell(RouterStreamProtocol.Ack.Instance);
    }

    private void OnSubscribe(SubscribeClientEvents subscribe)
    {
        if (!_subscribers.Add(subscribe.Subscriber))
            return;
        Context.Watch(subscribe.Subscriber);
        foreach (var (id, client) in _clients)
            subscribe.Subscriber.Tell(new ClientOpened(id, client.Endpoint.RemoteIp));
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
        foreach (var waiting in _waitingForAllClosed)
            waiting.Tell(AllConnectionsClosed.Instance);
        _waitingForAllClosed.Clear();
    }

    private sealed record LocalClient(IActorRef Connection, ClientEndpoint Endpoint);
}
