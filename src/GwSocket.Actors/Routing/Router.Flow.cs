using System.Diagnostics;
using Akka.Actor;
using GwSocket.Actors.Connections;

namespace GwSocket.Actors.Routing;

/// <summary>
/// Flow control on this node: the frames of a batch go to the clients only when every client that keeps up has
/// room for them in its queue (<see cref="Protocol.Flow.ClientCredit"/>), and the batch is acknowledged only then,
/// so pipe-in is read as fast as the clients take it. A client whose oldest queued message waited longer than
/// the delay limit holds nothing back any more: it is told it is slow and the policy applies to it.
/// </summary>
internal sealed partial class Router
{
    private readonly LocalDelivery _delivery = new();
    private readonly List<IActorRef> _acksWhenDelivered = [];
    private readonly List<AckWhenHandedOn> _acksWhenHandedOn = [];

    /// <summary>
    /// The clients that keep up and have no room for what waits, as found by the last full check (made when what waits
    /// was at <see cref="_roomCheckedAt"/>) and kept up to date by each one's own reports: a client's room only grows
    /// until the next send, so a report rechecks that client alone, not all of them.
    /// </summary>
    private readonly HashSet<uint> _withoutRoom = [];
    private long _roomCheckedAt = -1;

    /// <summary>When the batch now waiting started to wait (a monotonic clock in ms), or null when nothing waits.</summary>
    private long? _heldSince;
    private long _heldBackMilliseconds;
    private long _clientsFoundSlow;

    private long HeldBackMilliseconds => _heldBackMilliseconds + (_heldSince is { } since ? Now - since : 0);

    private static long Now => Environment.TickCount64;

    private void ReceiveFlowMessages()
    {
        Receive<DeliveryProgress>(OnDeliveryProgress);
        Receive<FlowCheckSignal>(_ => CheckClientAges());
    }

    /// <summary>
    /// The ages are checked only while a batch waits or a client has bytes it has not reported written: an idle node
    /// has no timer of its own.
    /// </summary>
    private void ArmFlowChecks()
    {
        if (Timers.IsTimerActive(nameof(FlowCheckSignal)))
            return;
        var period = TimeSpan.FromTicks(Math.Max(_settings.MaxDelay.Ticks / 8, TimeSpan.FromMilliseconds(10).Ticks));
        Timers.StartPeriodicTimer(nameof(FlowCheckSignal), FlowCheckSignal.Instance, period);
    }

    private void OnDeliveryProgress(DeliveryProgress progress)
    {
        if (!_clients.TryGetValue(progress.ClientId, out var client))
            return;
        client.Credit.OnProgress(progress.Received, progress.Queued, progress.At);
        RecheckRoom(progress.ClientId, client);
        if (client.Credit.AwaitsWrite)
            ArmFlowChecks();
        if (_heldSince is not null)
            DeliverWhenRoom();
    }

    /// <summary>
    /// Clients whose oldest byte has waited half the limit are asked how far they are; those past the limit by a report
    /// made after it become slow.
    /// </summary>
    private void CheckClientAges()
    {
        var now = Now;
        var halfLimit = (long)_settings.MaxDelay.TotalMilliseconds / 2;
        foreach (var (id, client) in _clients)
        {
            if (client.Credit.MarkSlowIfOlderThan(_settings.MaxDelay, now))
            {
                _clientsFoundSlow++;
                RecheckRoom(id, client);
                client.Connection.Tell(ClientTooSlow.Instance);
            }
            else if (!client.Credit.Slow && client.Credit.OldestWait(now) > halfLimit)
            {
                AskForProgress(client);
            }
        }
        DeliverWhenRoom();
        if (_heldSince is null && !_clients.Values.Any(client => client.Credit.AwaitsWrite))
            Timers.Cancel(nameof(FlowCheckSignal));
    }

    /// <summary>
    /// Sends what waits for the local clients if every client that keeps up has room for it, grants the other nodes
    /// what they sent (it is in the clients' queues now), and acknowledges pipe-in's batches once no reachable node
    /// has more than its window of frames not yet granted (those asking for it: once every node has granted them).
    /// </summary>
    private void DeliverWhenRoom()
    {
        if (!SendToLocalClientsIfRoom())
        {
            HoldBack();
            return;
        }
        GrantPeers();
        AckHandedOn();
        if (_acksWhenDelivered.Count > 0 && AnyPeerWithholds())
        {
            HoldBack();
            return;
        }
        if (_heldSince is { } since)
        {
            _heldBackMilliseconds += Now - since;
            _heldSince = null;
        }
        foreach (var stream in _acksWhenDelivered)
            stream.Tell(RouterStreamProtocol.Ack.Instance);
        _acksWhenDelivered.Clear();
    }

    private void HoldBack()
    {
        _heldSince ??= Now;
        ArmFlowChecks();
    }

    /// <summary>False when a client that keeps up has no room for what waits for it (it is asked how far it is).</summary>
    private bool SendToLocalClientsIfRoom()
    {
        if (_delivery.IsEmpty)
            return true;
        if (_roomCheckedAt != _delivery.Generation)
            FindClientsWithoutRoom();
        if (_withoutRoom.Count > 0)
            return false;
        Debug.Assert(ClientsBehind() == 0, "a client without room was missed");
        var now = Now;
        var sent = false;
        _delivery.Send(_clients.Keys, (id, frames, credit) =>
        {
            if (!_clients.TryGetValue(id, out var client))
            {
                _unicastsToUnknownClients++;
                return;
            }
            client.Credit.OnSent(credit, now);
            client.Connection.Tell(frames);
            sent = true;
        });
        if (sent)
            ArmFlowChecks();
        return true;
    }

    private void FindClientsWithoutRoom()
    {
        _withoutRoom.Clear();
        _roomCheckedAt = _delivery.Generation;
        var recipients = _delivery.HasBroadcasts ? _clients.Keys : _delivery.UnicastRecipients;
        foreach (var id in recipients)
        {
            if (_clients.TryGetValue(id, out var client))
                RecheckRoom(id, client);
        }
    }

    /// <summary>After a change of one client's credit: whether it has room for what waits, if the last full check is still current.</summary>
    private void RecheckRoom(uint id, LocalClient client)
    {
        if (_roomCheckedAt != _delivery.Generation || _delivery.IsEmpty)
            return;
        if (client.Credit.HasRoomFor(_delivery.CreditFor(id), _settings.MaxQueuedBytes))
        {
            _withoutRoom.Remove(id);
        }
        else
        {
            _withoutRoom.Add(id);
            AskForProgress(client);
        }
    }

    /// <summary>Acknowledges, in order, the batches whose frames every node still reachable has granted.</summary>
    private void AckHandedOn()
    {
        var handedOn = 0;
        while (handedOn < _acksWhenHandedOn.Count && _acksWhenHandedOn[handedOn].IsHandedOn(_peers))
            _acksWhenHandedOn[handedOn++].Sender.Tell(RouterStreamProtocol.Ack.Instance);
        _acksWhenHandedOn.RemoveRange(0, handedOn);
    }

    private int ClientsBehind()
    {
        if (_delivery.IsEmpty)
            return 0;
        var recipients = _delivery.HasBroadcasts ? _clients.Keys : _delivery.UnicastRecipients;
        return recipients.Count(id => _clients.TryGetValue(id, out var client) && !client.Credit.HasRoomFor(_delivery.CreditFor(id), _settings.MaxQueuedBytes));
    }

    private static void AskForProgress(LocalClient client)
    {
        if (client.Credit.ProgressRequested)
            return;
        client.Credit.ProgressRequested = true;
        client.Connection.Tell(ReportWhenDrained.Instance);
    }

    /// <summary>A batch to acknowledge once each node has granted what this node had sent it up to the batch's end.</summary>
    private sealed record AckWhenHandedOn(IActorRef Sender, List<(Peer Peer, long SentUpTo)> Marks)
    {
        /// <summary>A node that left, or is unreachable (its frames are written off), holds nothing back.</summary>
        public bool IsHandedOn(Dictionary<Address, Peer> peers) =>
            Marks.All(mark => !peers.TryGetValue(mark.Peer.Address, out var peer) || peer != mark.Peer || peer.Credit.Granted >= mark.SentUpTo);
    }

    private sealed class FlowCheckSignal
    {
        public static readonly FlowCheckSignal Instance = new();
    }
}
