using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace GwSocket.Actors.Connections;

/// <summary>
/// The mailbox queue of a connection actor: a ring of envelopes behind a lock, 4 slots to start with.
/// Akka's default queue starts with a 32-slot segment (about 1 KB) that every idle connection would hold;
/// this one grows while messages pile up and goes back to its small ring once drained.
/// </summary>
internal sealed class ConnectionMessageQueue : IMessageQueue, IUnboundedMessageQueueSemantics
{
    internal const int InitialCapacity = 4;

    // A drained ring larger than this is given back, so a burst does not pin its memory for the connection's life.
    internal const int KeptCapacity = 32;

    private readonly Lock _gate = new();
    private Envelope[] _ring = new Envelope[InitialCapacity];
    private int _head;
    private int _count;

    public bool HasMessages => Volatile.Read(ref _count) > 0;

    public int Count => Volatile.Read(ref _count);

    internal int Capacity
    {
        get
        {
            lock (_gate)
                return _ring.Length;
        }
    }

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        lock (_gate)
        {
            if (_count == _ring.Length)
                Grow();
            _ring[(_head + _count) % _ring.Length] = envelope;
            Volatile.Write(ref _count, _count + 1);
        }
    }

    public bool TryDequeue(out Envelope envelope)
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                envelope = default;
                return false;
            }
            envelope = _ring[_head];
            _ring[_head] = default;
            _head = (_head + 1) % _ring.Length;
            Volatile.Write(ref _count, _count - 1);
            if (_count == 0)
                ShrinkDrained();
            return true;
        }
    }

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope))
            deadletters.Enqueue(owner, envelope);
    }

    private void Grow()
    {
        var larger = new Envelope[_ring.Length * 2];
        for (var i = 0; i < _count; i++)
            larger[i] = _ring[(_head + i) % _ring.Length];
        _ring = larger;
        _head = 0;
    }

    private void ShrinkDrained()
    {
        _head = 0;
        if (_ring.Length > KeptCapacity)
            _ring = new Envelope[InitialCapacity];
    }
}
