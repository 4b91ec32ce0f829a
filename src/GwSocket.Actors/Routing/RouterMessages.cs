using Akka.Actor;
using GwSocket.Actors.Connections;
using GwSocket.Protocol;

namespace GwSocket.Actors.Routing;

/// <summary>A connection finished its handshake and asks for its client id.</summary>
internal sealed record RegisterConnection(IActorRef Connection, ClientEndpoint Client);

/// <summary>The router's answer to <see cref="RegisterConnection"/>.</summary>
internal sealed record ConnectionRegistered(uint ClientId);

/// <summary>
/// A connection is over: its client id is free again. The connection sends it when it stops, after its
/// <see cref="RegisterConnection"/>, so the router sees the two in that order (a message costs less than a death watch).
/// </summary>
internal sealed record ConnectionStopped(IActorRef Connection);

/// <summary>Close every connection of this node; the router answers <see cref="AllConnectionsClosed"/> when they are gone.</summary>
public sealed record CloseAllConnections(ushort Code, string Reason);

public sealed class AllConnectionsClosed
{
    public static readonly AllConnectionsClosed Instance = new();

    private AllConnectionsClosed()
    {
    }
}

/// <summary>An encoded server frame for one client, or for every client when <paramref name="ClientId"/> is 0.</summary>
internal readonly record struct Delivery(uint ClientId, byte[] Frame)
{
    public bool IsBroadcast => ClientId == 0;
}

/// <summary>
/// The deliveries decoded from one read of pipe-in, in their order. The router acknowledges the batch (to its
/// sender) once every client that keeps reading has room for it: one stream round trip per read, never per record.
/// With <paramref name="AckOnceHandedOn"/> it waits, instead of the other nodes' window of credit, until every reachable
/// node has handed its frames to its clients (a network producer's acknowledgement: what it need never send again).
/// </summary>
internal sealed record PipeInBatch(IReadOnlyList<Delivery> Deliveries, bool AckOnceHandedOn = false);

/// <summary>
/// From now on, send <paramref name="Subscriber"/> every <see cref="IClientEvent"/>; it first gets a
/// <see cref="ClientOpened"/> for each client already connected, so its picture starts coherent. With
/// <paramref name="Confirm"/>, the sender gets <see cref="ClientEventsSubscribed"/> once the subscription holds.
/// </summary>
public sealed record SubscribeClientEvents(IActorRef Subscriber, bool Confirm = false);

/// <summary>The reply to a confirmed <see cref="SubscribeClientEvents"/>: no event after it is missed.</summary>
public sealed class ClientEventsSubscribed
{
    public static readonly ClientEventsSubscribed Instance = new();

    private ClientEventsSubscribed()
    {
    }
}

/// <summary>What happens to clients: opens, messages, closes. Every open is followed by exactly one close.</summary>
public interface IClientEvent
{
    uint ClientId { get; }
}

public sealed record ClientOpened(uint ClientId, string RemoteIp) : IClientEvent;

/// <summary>A whole message received from a client.</summary>
public sealed record ClientMessage(uint ClientId, Opcode Type, byte[] Payload) : IClientEvent;

public sealed record ClientClosed(uint ClientId) : IClientEvent;
