using Akka.Actor;
using Akka.Event;
using GwSocket.Actors.Connections;
using GwSocket.Protocol;

namespace GwSocket.Actors.Routing;

/// <summary>
/// What happens when the router throws. Its state (the node's clients and their ids, the subscribers, the peers and
/// their credit) cannot be rebuilt, and the restart its parent would order empties it: pipe-out silently unsubscribed,
/// live clients no longer reached, ids handed out twice. So the router decides itself, before its parent sees the
/// exception: it logs it with the stack, closes its clients with 1011 so that they reconnect to another node, stops
/// for good, and runs the node's coordinated shutdown with <see cref="RouterFailed"/>: the node leaves the cluster
/// (the other nodes close its clients for their subscribers), readiness says why, and the process exits 1.
/// </summary>
internal sealed partial class Router
{
    protected override bool AroundReceive(Receive receive, object message)
    {
        try
        {
            return base.AroundReceive(receive, message);
        }
        catch (Exception e)
        {
            Fail(e);
            return true;
        }
    }

    private void Fail(Exception cause)
    {
        _log.Error(cause, "the router failed: {0}; it stops (a restart would forget the node's clients, subscribers and peers) and the node leaves the cluster", cause.Message);
        var close = new CloseConnection(CloseCodes.InternalError, "broker failure");
        foreach (var connection in _idsByConnection.Keys)
            connection.Tell(close);
        Context.Stop(Self);
        CoordinatedShutdown.Get(Context.System).Run(new RouterFailed(cause));
    }
}

/// <summary>Why the node shut down: its router threw (<see cref="Router"/>); <see cref="Cause"/> says what.</summary>
public sealed class RouterFailed(Exception cause) : CoordinatedShutdown.Reason
{
    public Exception Cause { get; } = cause;

    public override int ExitCode => 1;

    public override string ToString() => $"the router failed: {Cause.GetType().Name}: {Cause.Message}";
}
