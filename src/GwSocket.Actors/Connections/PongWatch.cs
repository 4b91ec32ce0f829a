using Akka.Actor;
using static GwSocket.Actors.Connections.ConnectionSignals;

namespace GwSocket.Actors.Connections;

/// <summary>
/// The connections of one <see cref="ConnectionHost"/> that wait for a pong, each with its deadline. A connection puts
/// itself here when it pings and takes itself off when its client answers; the host looks once a deadline has passed
/// and tells only the connections still here that their time is up. A ping costs no timer and no message of its own.
/// </summary>
internal sealed class PongWatch
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IActorRef, long> _deadlines = new(ReferenceEqualityComparer.Instance);

    /// <param name="deadline">When the pong is late, on <see cref="Environment.TickCount64"/>'s clock.</param>
    public void Add(IActorRef connection, long deadline)
    {
        lock (_gate)
            _deadlines[connection] = deadline;
    }

    public void Remove(IActorRef connection)
    {
        lock (_gate)
            _deadlines.Remove(connection);
    }

    /// <summary>Tells <see cref="PongTimeout"/> to every connection past its deadline; the next deadline, or null when none waits.</summary>
    public long? TimeOutPast(long now)
    {
        long? next = null;
        lock (_gate)
        {
            foreach (var (connection, deadline) in _deadlines)
            {
                if (deadline <= now)
                {
                    _deadlines.Remove(connection);
                    connection.Tell(PongTimeout.Instance);
                }
                else if (next is not { } earliest || deadline < earliest)
                {
                    next = deadline;
                }
            }
        }
        return next;
    }
}
