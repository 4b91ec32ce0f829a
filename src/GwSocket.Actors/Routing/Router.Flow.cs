using Akka.Actor;
using GwSocket.Actors.Connections;

namespace GwSocket.Actors.Routing;

/// <summary>
/// Flow control on this node: the frames of a batch go to the clients only when every client that keeps up has
/// room for them in its queue (<see cref="Protocol.Flow.ClientCredit"/>), and the batch is acknowledged only then,
/// so pipe-in is read as fast as the clients take it. A client whose oldest queued message waited longer than
/// the delay limit holds nothing back any more: it is told it is slow and the policy applies to it.
/// </summary>
public sealed partial class Router
{
    private readonly LocalDelivery _delivery = new();
    private readonly List<IActorRef> _acksWhenDelivered = [];

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

    private void StartFlowChecks()
    {
        var period = TimeSpan.FromTicks(Math.Max(_settings.MaxDelay.Ticks / 8, TimeSpan.FromMilliseconds(10).Ticks));
        Timers.StartPeriodicTimer(nameof(FlowCheckSignal), FlowCheckSignal.Instance, period);
    }

    private void OnDeliveryProgress(DeliveryProgress progress)
    {
        if (!_clients.TryGetValue(progress.ClientId, out var client))
            return;
        client.Credit.OnProgress(progress.Received, progress.Queued, Now);
        if (_heldSince is not null)
            DeliverWhenRoom();
    }

    /// <summary>
    /// Clients whose oldest byte has waited half the limit are asked how far they are; those past the limit become slow.
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
                client.Connection.Tell(ClientTooSlow.Instance);
            }
            else if (!client.Credit.Slow && client.Credit.OldestWait(now) > halfLimit)
            {
                AskForProgress(client);
            }
        }
        DeliverWhenRoom();
    }

    /// <summary>Sends what waits for the local clients if every client that keeps up has room for it, and acknowledges its batches.</summary>
    private void DeliverWhenRoom()
    {
        if (!_delivery.IsEmpty)
        {
            var recipients = _delivery.HasBroadcasts ? _clients.Keys : _delivery.UnicastRecipients;
            var room = true;
            foreach (var id in recipients)
            {
                if (_clients.TryGetValue(id, out var client) && !client.Credit.HasRoomFor(_delivery.BytesFor(id), _settings.MaxQueuedBytes))
                {
                    room = false;
                    AskForProgress(client);
                }
            }
            if (!room)
            {
                _heldSince ??= Now;
                return;
            }
            var now = Now;
            _delivery.Send(_clients.Keys, (id, frames, bytes) =>
            {
                if (!_clients.TryGetValue(id, out var client))
                {
                    _unicastsToUnknownClients++;
                    return;
                }
                client.Credit.OnSent(bytes, now);
                client.Connection.Tell(frames);
            });
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

    private int ClientsBehind()
    {
        if (_heldSince is null)
            return 0;
        var recipients = _delivery.HasBroadcasts ? _clients.Keys : _delivery.UnicastRecipients;
        return recipients.Count(id => _clients.TryGetValue(id, out var client) && !client.Credit.HasRoomFor(_delivery.BytesFor(id), _settings.MaxQueuedBytes));
    }

    private static void AskForProgress(LocalClient client)
    {
        if (client.Credit.ProgressRequested)
            return;
        client.Credit.ProgressRequested = true;
        client.Connection.Tell(ReportWhenDrained.Instance);
    }

    private sealed class FlowCheckSignal
    {
        public static readonly FlowCheckSignal Instance = new();
    }
}
