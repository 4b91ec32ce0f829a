using Akka.Actor;

namespace GwSocket.Actors.Connections;

/// <summary>
/// Parent of a share of the node's connection actors. Akka keeps a parent's children in an immutable
/// dictionary that is copied in part on every child started and stopped: with all connections under
/// the user guardian that is a 10,000-entry tree rebuilt and raced for on each handshake; spread over
/// many hosts each tree stays small and the hosts do not contend.
/// </summary>
public sealed class ConnectionHost : UntypedActor
{
    public static Props Props() => Akka.Actor.Props.Create<ConnectionHost>();

    // A connection that throws is a bug, logged; restarting it would lose its framing state mid-stream, so it stops
    // and its socket closes.
    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;

    protected override void OnReceive(object message)
    {
        if (message is StartConnection start)
            StartChild(start.Props);
        else
            Unhandled(message);
    }

    // A connection actor is always local: started as a system service it skips the remote provider's
    // deployment merge, which parses HOCON and builds Deploy and Config objects for every connection.
    private static void StartChild(Props connection) =>
        ((ActorCell)Context).AttachChild(connection, isSystemService: true);
}

/// <summary>Asks a <see cref="ConnectionHost"/> to start a connection actor as its child.</summary>
public sealed record StartConnection(Props Props);
