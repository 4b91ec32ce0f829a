using Akka.Actor;
using static GwSocket.Actors.Connections.ConnectionSignals;

namespace GwSocket.Actors.Connections;

/// <summary>
/// Parent of a share of the node's connection actors. Akka keeps a parent's children in an immutable
/// dictionary that is copied in part on every child started and stopped: with all connections under
/// the user guardian that is a 10,000-entry tree rebuilt and raced for on each handshake; spread over
/// many hosts each tree stays small and the hosts do not contend. The host also ticks its connections'
/// keepalive: one timer per host instead of one per connection, and none while it holds no connection (an idle
/// node's hundreds of hosts would otherwise wake it up several times a second); and it times out their pings
/// (<see cref="PongWatch"/>), one check per tick instead of a timer per ping.
/// </summary>
internal sealed class ConnectionHost(TimeSpan keepaliveInterval, TimeSpan firstTick, TimeSpan pongTimeout) : UntypedActor, IWithTimers
{
    private readonly long _startedAt = Environment.TickCount64;
    private readonly KeepaliveTick _tick = new(new PongWatch());

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// A host whose connections check their keepalive every <paramref name="keepaliveInterval"/> (zero: never), the
    /// first time after <paramref name="firstTick"/> (default: one interval). The node staggers its hosts' first ticks
    /// over the interval, so that the pings of thousands of idle clients do not all go out in the same moment.
    /// A connection whose ping has not been answered within <paramref name="pongTimeout"/> (default: one interval) is told so.
    /// </summary>
    public static Props Props(TimeSpan keepaliveInterval, TimeSpan? firstTick = null, TimeSpan? pongTimeout = null)
    {
        // Plain variables only: Akka reads those from the lambda's closure, but compiles any other argument expression
        // (a ?? here) into a method of its own, twice for each of the node's 256 hosts at every start.
        var first = firstTick ?? keepaliveInterval;
        var pong = pongTimeout ?? keepaliveInterval;
        return Akka.Actor.Props.Create(() => new ConnectionHost(keepaliveInterval, first, pong));
    }

    // A connection that throws is a bug, logged; restarting it would lose its framing state mid-stream, so it stops
    // and its socket closes.
    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;

    // The host that throws is restarted by its parent (logged with the stack) with its connections: Akka would stop
    // them all first, a silent loss of clients for a fault of the host's own. Its timers do not survive the restart.
    protected override void PreRestart(Exception reason, object message)
    {
    }

    protected override void PostRestart(Exception reason)
    {
        if (Context.GetChildren().Any())
            TickWhileConnected();
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case StartConnection start:
                StartChild(start.Props);
                TickWhileConnected();
                break;
            case KeepaliveTick:
                var any = false;
                foreach (var connection in Context.GetChildren())
                {
                    connection.Tell(_tick);
                    any = true;
                }
                if (!any)
                    Timers.Cancel(nameof(KeepaliveTick));
                else if (!Timers.IsTimerActive(nameof(PongCheck)))
                    Timers.StartSingleTimer(nameof(PongCheck), PongCheck.Instance, pongTimeout);
                break;
            case PongCheck:
                if (_tick.Pongs.TimeOutPast(Environment.TickCount64) is { } next)
                    Timers.StartSingleTimer(nameof(PongCheck), PongCheck.Instance, TimeSpan.FromMilliseconds(Math.Max(1, next - Environment.TickCount64)));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>
    /// Starts the keepalive ticks unless they run, in the phase of the host's first tick (<c>firstTick</c> after its
    /// start, then every interval), so that hosts stay staggered however often they empty and fill again.
    /// </summary>
    private void TickWhileConnected()
    {
        if (keepaliveInterval <= TimeSpan.Zero || Timers.IsTimerActive(nameof(KeepaliveTick)))
            return;
        var interval = (long)keepaliveInterval.TotalMilliseconds;
        var sinceFirstTick = Environment.TickCount64 - _startedAt - (long)firstTick.TotalMilliseconds;
        var untilNextTick = sinceFirstTick < 0 ? -sinceFirstTick : interval - sinceFirstTick % interval;
        Timers.StartPeriodicTimer(nameof(KeepaliveTick), _tick, TimeSpan.FromMilliseconds(untilNextTick), keepaliveInterval);
    }

    /// <summary>The earliest deadline of the pings the host's connections sent has passed (or a tick's timeout).</summary>
    private sealed class PongCheck
    {
        public static readonly PongCheck Instance = new();
    }

    // A connection actor is always local: started as a system service it skips the remote provider's
    // deployment merge, which parses HOCON and builds Deploy and Config objects for every connection.
    private static void StartChild(Props connection) =>
        ((ActorCell)Context).AttachChild(connection, isSystemService: true);
}

/// <summary>Asks a <see cref="ConnectionHost"/> to start a connection actor as its child.</summary>
internal sealed record StartConnection(Props Props);
