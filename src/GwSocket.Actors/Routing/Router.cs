using Akka.Actor;
using Akka.Event;
using GwSocket.Actors.Connections;

namespace GwSocket.Actors.Routing;

/// <summary>
/// One per node: knows the node's connections by client id, hands out the ids, and closes them all
/// when the node shuts down.
/// </summary>
public sealed class Router : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ClientIdAllocator _ids = new();
    private readonly Dictionary<uint, IActorRef> _connections = [];
    private readonly Dictionary<IActorRef, uint> _idsByConnection = [];
    private readonly List<IActorRef> _waitingForAllClosed = [];
    private CloseConnection? _closingAll;

    public Router()
    {
        Receive<RegisterConnection>(OnRegister);
        Receive<Terminated>(OnConnectionStopped);
        Receive<ClientMessage>(OnClientMessage);
        Receive<CloseAllConnections>(OnCloseAll);
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new Router());

    private void OnRegister(RegisterConnection register)
    {
        var id = _ids.Allocate();
        _connections[id] = register.Connection;
        _idsByConnection[register.Connection] = id;
        Context.Watch(register.Connection);
        register.Connection.Tell(new ConnectionRegistered(id));
        if (_closingAll is not null)
            register.Connection.Tell(_closingAll);
    }

    private void OnConnectionStopped(Terminated terminated)
    {
        if (!_idsByConnection.Remove(terminated.ActorRef, out var id))
            return;
        _connections.Remove(id);
        _ids.Release(id);
        ReplyIfAllClosed();
    }

    private void OnClientMessage(ClientMessage message) =>
        _log.Debug("client {0} sent a {1} message of {2} bytes", message.ClientId, message.Type, message.Payload.Length);

    private void OnCloseAll(CloseAllConnections closeAll)
    {
        _closingAll = new CloseConnection(closeAll.Code, closeAll.Reason);
        _waitingForAllClosed.Add(Sender);
        foreach (var connection in _connections.Values)
            connection.Tell(_closingAll);
        ReplyIfAllClosed();
    }

    private void ReplyIfAllClosed()
    {
        if (_connections.Count > 0 || _waitingForAllClosed.Count == 0)
            return;
        foreach (var waiting in _waitingForAllClosed)
            waiting.Tell(AllConnectionsClosed.Instance);
        _waitingForAllClosed.Clear();
    }
}
