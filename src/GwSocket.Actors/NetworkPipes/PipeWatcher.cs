using Akka.Actor;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using GwSocket.Protocol.Pipes;

namespace GwSocket.Actors.NetworkPipes;

/// <summary>
/// The events side of one network pipe connection: subscribed to the router like pipe-out (a late watcher first gets
/// an open for every live client), it makes the same records (strict) or payloads (standard) and queues them for the
/// connection's writer. The queue is this watcher's own and bounded: a watcher that reads slowly loses records
/// (counted), never slows anyone else. Every open queued gets its close, beyond the bound if need be. When asked, the
/// end of the snapshot (the router's opens for the clients live at subscription) is queued as an empty record, which
/// no record or payload ever is. When it throws, its parent restarts it (logged with the stack) with what it knew, as
/// <see cref="Pipes.PipeOut"/>: the queue and the open clients come with its props and its subscription stands.
/// </summary>
internal sealed class PipeWatcher : ReceiveActor
{
    private readonly bool _strict;
    private readonly bool _markSnapshotEnd;
    private readonly IActorRef _router;
    private readonly PipeOutQueue _queue;
    private readonly SemaphoreSlim _queued;
    private readonly NetworkPipeTotals _totals;
    private readonly HashSet<uint> _openClients;
    private readonly TaskCompletionSource _subscribed;

    public PipeWatcher(
        bool strict, bool markSnapshotEnd, IActorRef router, PipeOutQueue queue, SemaphoreSlim queued, NetworkPipeTotals totals, HashSet<uint> openClients, TaskCompletionSource subscribed)
    {
        _openClients = openClients;
        _subscribed = subscribed;
        _strict = strict;
        _markSnapshotEnd = markSnapshotEnd;
        _router = router;
        _queue = queue;
        _queued = queued;
        _totals = totals;
        Receive<ClientOpened>(OnOpened);
        Receive<ClientMessage>(OnMessage);
        Receive<ClientClosed>(OnClosed);
        // The router sends it after the snapshot's opens and before any later event.
        Receive<ClientEventsSubscribed>(_ => OnSubscribed());
    }

    private static byte[] SnapshotEndRecord => [];

    /// <param name="subscribed">Completed once the router sends this watcher every client event from then on.</param>
    public static Props Props(
        bool strict, bool markSnapshotEnd, IActorRef router, PipeOutQueue queue, SemaphoreSlim queued, NetworkPipeTotals totals, TaskCompletionSource subscribed)
    {
        // Akka keeps the arguments with the props: every incarnation gets this same set.
        var openClients = new HashSet<uint>();
        return Akka.Actor.Props.Create(() => new PipeWatcher(strict, markSnapshotEnd, router, queue, queued, totals, openClients, subscribed));
    }

    /// <summary>True for what stands in the queue for the end of the snapshot.</summary>
    public static bool IsSnapshotEnd(byte[] record) => record.Length == 0;

    protected override void PreStart() => _router.Tell(new SubscribeClientEvents(Self, Confirm: true));

    /// <summary>The subscription of the failed incarnation stands: subscribing again would mark a second snapshot end.</summary>
    protected override void PostRestart(Exception reason)
    {
    }

    private void OnSubscribed()
    {
        if (_markSnapshotEnd)
            Enqueue(SnapshotEndRecord, keepBeyondBound: true);
        _subscribed.TrySetResult();
    }

    private void OnOpened(ClientOpened opened)
    {
        if (_strict && Enqueue(StrictRecordEncoder.Open(opened.ClientId, opened.RemoteIp)))
            _openClients.Add(opened.ClientId);
    }

    private void OnMessage(ClientMessage message)
    {
        if (!_strict)
        {
            if (message.Payload.Length > 0)
                Enqueue(message.Payload);
            return;
        }
        if (_openClients.Contains(message.ClientId))
            Enqueue(StrictRecordEncoder.Message(message.ClientId, message.Type, message.Payload));
        else
            _totals.WatcherDrop();
    }

    private void OnClosed(ClientClosed closed)
    {
        if (_openClients.Remove(closed.ClientId))
            Enqueue(StrictRecordEncoder.Close(closed.ClientId), keepBeyondBound: true);
    }

    private bool Enqueue(byte[] record, bool keepBeyondBound = false)
    {
        switch (_queue.Enqueue(record, keepBeyondBound))
        {
            case EnqueueOutcome.QueuedIntoEmpty:
                _queued.Release();
                return true;
            case EnqueueOutcome.Queued:
                return true;
            default:
                _totals.WatcherDrop();
                return false;
        }
    }
}
