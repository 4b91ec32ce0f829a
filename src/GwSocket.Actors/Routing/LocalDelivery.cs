using Akka.Actor;
using GwSocket.Actors.Connections;

namespace GwSocket.Actors.Routing;

/// <summary>
/// Collects the frames of one batch for this node's clients, then tells each recipient once: the broadcasts
/// as one shared array (one message object for every client without unicasts), a client's unicasts placed
/// among them so that each client gets everything in the batch's order.
/// </summary>
internal sealed class LocalDelivery
{
    private readonly List<byte[]> _broadcasts = [];
    private readonly Dictionary<IActorRef, List<PlacedFrame>> _unicasts = [];

    public void Broadcast(byte[] frame) => _broadcasts.Add(frame);

    public void Unicast(IActorRef connection, byte[] frame)
    {
        if (!_unicasts.TryGetValue(connection, out var own))
        {
            own = [];
            _unicasts[connection] = own;
        }
        own.Add(new PlacedFrame(_broadcasts.Count, frame));
    }

    /// <summary>Tells every connection its frames (broadcasts go to all of <paramref name="connections"/>) and starts over.</summary>
    public void SendTo(IEnumerable<IActorRef> connections)
    {
        if (_broadcasts.Count == 0)
        {
            foreach (var (connection, own) in _unicasts)
                connection.Tell(new SendFrames([], own));
        }
        else
        {
            var broadcasts = _broadcasts.ToArray();
            var shared = new SendFrames(broadcasts, null);
            foreach (var connection in connections)
                connection.Tell(_unicasts.TryGetValue(connection, out var own) ? new SendFrames(broadcasts, own) : shared);
        }
        _broadcasts.Clear();
        _unicasts.Clear();
    }
}
