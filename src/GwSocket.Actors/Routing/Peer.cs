using Akka.Actor;
using GwSocket.Protocol.Flow;

namespace GwSocket.Actors.Routing;

/// <summary>Another node's router as this router knows it: where it is, its slot, its clients, what is waiting to go to it.</summary>
internal sealed class Peer(IActorRef router, Address address, PeerHello hello)
{
    private List<PeerEntry> _outbox = [];
    private int _outboxBytes;

    public IActorRef Router { get; } = router;

    public Address Address { get; } = address;

    public uint Slot { get; } = hello.Slot;

    public int NodeUid { get; } = hello.NodeUid;

    public string NodeName { get; } = hello.NodeName;

    public bool WantsEvents { get; } = hello.WantsEvents;

    /// <summary>The frames this node sent the peer and it has not yet granted, and those it sent this node, in bytes.</summary>
    public PeerCredit Credit { get; } = new();

    /// <summary>The peer's clients that are open, with their address, as its events told.</summary>
    public Dictionary<uint, string> Clients { get; } = [];

    public bool HasOutbox => _outbox.Count > 0;

    /// <summary>Queues an entry; true when the batch is full and should go now.</summary>
    public bool Enqueue(PeerEntry entry, int maxBatchBytes)
    {
        _outbox.Add(entry);
        _outboxBytes += entry.Size;
        if (entry.IsFrame)
            Credit.OnSent(entry.Bytes.Length);
        return _outboxBytes >= maxBatchBytes;
    }

    /// <summary>Forgets what waits to go to the peer (it is gone); the number of frames among it.</summary>
    public int DropOutbox()
    {
        var frames = _outbox.Count(entry => entry.IsFrame);
        _outbox = [];
        _outboxBytes = 0;
        return frames;
    }

    public PeerBatch TakeBatch()
    {
        var batch = new PeerBatch(_outbox);
        _outbox = [];
        _outboxBytes = 0;
        return batch;
    }
}
