using GwSocket.Protocol;

namespace GwSocket.Actors.Routing;

/// <summary>Messages routers send each other across nodes; bound to <see cref="ClusterMessageSerializer"/>.</summary>
internal interface IClusterMessage
{
}

/// <summary>
/// A router introduces itself to another node's router: its slot (the high bits of its client ids),
/// its node's incarnation, and whether it wants the other node's client events.
/// </summary>
internal sealed record PeerHello(uint Slot, int NodeUid, string NodeName, bool WantsEvents, bool IsReply) : IClusterMessage;

/// <summary>
/// Everything one router has for another since its last batch, in the order it happened: one
/// remote message instead of one per record keeps cross-node traffic within Akka.Remote's budget.
/// </summary>
internal sealed record PeerBatch(IReadOnlyList<PeerEntry> Entries) : IClusterMessage;

/// <summary>
/// A router's credit to another: it has handed <paramref name="DeliveredInAll"/> bytes of the frames it received from
/// that router to its clients, in all. Sent once per batch delivered; the sender reads pipe-in on while what is not yet
/// granted stays within its window.
/// </summary>
internal sealed record PeerGrant(long DeliveredInAll) : IClusterMessage;

internal enum PeerEntryKind : byte
{
    Broadcast = 1,
    Unicast = 2,
    Opened = 3,
    Message = 4,
    Closed = 5,
}

/// <summary>One item of a <see cref="PeerBatch"/>: a frame to deliver, or a client event of the sending node.</summary>
internal readonly record struct PeerEntry(PeerEntryKind Kind, uint ClientId, Opcode Type, byte[] Bytes, string RemoteIp)
{
    public static PeerEntry Broadcast(byte[] frame) => new(PeerEntryKind.Broadcast, 0, Opcode.Continuation, frame, string.Empty);

    public static PeerEntry Unicast(uint clientId, byte[] frame) => new(PeerEntryKind.Unicast, clientId, Opcode.Continuation, frame, string.Empty);

    public static PeerEntry From(IClientEvent clientEvent) => clientEvent switch
    {
        ClientOpened opened => new(PeerEntryKind.Opened, opened.ClientId, Opcode.Continuation, [], opened.RemoteIp),
        ClientMessage message => new(PeerEntryKind.Message, message.ClientId, message.Type, message.Payload, string.Empty),
        ClientClosed closed => new(PeerEntryKind.Closed, closed.ClientId, Opcode.Continuation, [], string.Empty),
        _ => throw new ArgumentOutOfRangeException(nameof(clientEvent), clientEvent.GetType().Name, "not a client event"),
    };

    /// <summary>A frame for clients (broadcast or unicast), which counts against the receiving node's credit; not a client event.</summary>
    public bool IsFrame => Kind is PeerEntryKind.Broadcast or PeerEntryKind.Unicast;

    /// <summary>Bytes this entry adds to a batch, for sizing batches under Akka.Remote's frame limit.</summary>
    public int Size => 16 + Bytes.Length + RemoteIp.Length;
}
