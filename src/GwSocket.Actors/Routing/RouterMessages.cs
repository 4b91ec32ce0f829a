using Akka.Actor;
using GwSocket.Actors.Connections;
using GwSocket.Protocol;

namespace GwSocket.Actors.Routing;

/// <summary>A connection finished its handshake and asks for its client id.</summary>
public sealed record RegisterConnection(IActorRef Connection, ClientEndpoint Client);

/// <summary>The router's answer to <see cref="RegisterConnection"/>.</summary>
public sealed record ConnectionRegistered(uint ClientId);

/// <summary>A whole message received from a client.</summary>
public sealed record ClientMessage(uint ClientId, Opcode Type, byte[] Payload);

/// <summary>Close every connection of this node; the router answers <see cref="AllConnectionsClosed"/> when they are gone.</summary>
public sealed record CloseAllConnections(ushort Code, string Reason);

public sealed class AllConnectionsClosed
{
    public static readonly AllConnectionsClosed Instance = new();

    private AllConnectionsClosed()
    {
    }
}
