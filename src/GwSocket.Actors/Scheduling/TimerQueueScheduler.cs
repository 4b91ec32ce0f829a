using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace GwSocket.Actors.Scheduling;

/// <summary>
/// Akka's scheduler on the runtime's timer queue (<c>akka.scheduler.implementation</c>): each scheduled tell or action
/// is a <see cref="Timer"/> that fires when it is due, to the millisecond, and nothing runs in between. Akka's
/// default, a timer wheel, wakes up every tick whether anything is due or not, and each wake-up sets thread-pool
/// workers spinning: most of what an idle node spent. Repeating timers keep step: the first run is put off to a
/// whole multiple of their interval (of a second, for intervals of a second or more) on one clock, so that the
/// cluster's and gwsocket's once-a-second tasks wake the process once a second together, not each at its own moment;
/// one-off timers (timeouts) fire when due. The clocks are read through a wheel that never starts (they are
/// Akka's own monotonic clock, internal to Akka), so that times read here and inside Akka agree.
/// Work not yet run when the actor system ends runs then, once, as with Akka's wheel (it completes what waits on it
/// instead of leaving it hanging).
/// </summary>
public sealed class TimerQueueScheduler(Config config, ILoggingAdapter log)
    : SchedulerBase(config, log), IDateTimeOffsetNowTimeProvider, IDisposable
{
    private readonly HashedWheelTimerScheduler _clocks = new(config, log);
    private readonly ConcurrentDictionary<ScheduledWork, byte> _pending = new();
    private volatile bool _disposed;

    public override TimeSpan MonotonicClock => _clocks.MonotonicClock;

    public override TimeSpan HighResMonotonicClock => _clocks.HighResMonotonicClock;

    protected override DateTimeOffset TimeNow => DateTimeOffset.Now;

    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(initialDelay, interval, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, action, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action, cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, action.Run, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action.Run, cancelable);

    /// <summary>Stops every timer, then runs once what was still due to run.</summary>
    public void Dispose()
    {
        _disposed = true;
        _clocks.Dispose();
        foreach (var work in _pending.Keys)
        {
            if (work.Stop())
                work.RunAtShutdown();
        }
    }

    private static readonly TimeSpan LongestStep = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private void Schedule(TimeSpan delay, TimeSpan interval, Action action, ICancelable? cancelable)
    {
        if (_disposed)
            throw new SchedulerException("cannot schedule after the scheduler was disposed");
        var repeats = interval != Timeout.InfiniteTimeSpan;
        var work = new ScheduledWork(this, action, cancelable, repeats);
        _pending[work] = 0;
        work.Start(repeats ? InStep(Environment.TickCount64, delay, interval) : delay, interval);
    }

    /// <summary>The delay put off until <paramref name="now"/> plus it is a whole multiple of the interval's step (milliseconds).</summary>
    internal static TimeSpan InStep(long now, TimeSpan delay, TimeSpan interval)
    {
        var step = (long)Math.Max(1, (interval < LongestStep ? interval : LongestStep).TotalMilliseconds);
        var due = now + (long)delay.TotalMilliseconds;
        var late = (step - due % step) % step;
        return delay + TimeSpan.FromMilliseconds(late);
    }

    /// <summary>One scheduled tell or action and its timer; stopped when it has run (once), is cancelled, or at shutdown.</summary>
    private sealed class ScheduledWork(TimerQueueScheduler scheduler, Action action, ICancelable? cancelable, bool repeats)
    {
        private readonly Lock _gate = new();
        private Timer? _timer;
        private CancellationTokenRegistration _onCancel;
        private int _stopped;

        public void Start(TimeSpan delay, TimeSpan interval)
        {
            lock (_gate)
            {
                _timer = new Timer(static state => ((ScheduledWork)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                if (cancelable is not null)
                    _onCancel = cancelable.Token.UnsafeRegister(static state => ((ScheduledWork)state!).Stop(), this);
                if (Volatile.Read(ref _stopped) == 0)
                    _timer.Change(AtMostLongest(delay), interval == Timeout.InfiniteTimeSpan ? interval : AtMostLongest(interval));
            }
        }

        /// <summary>A timer's longest delay is about 49 days; Akka may ask for longer, meaning never in practice.</summary>
        private static TimeSpan AtMostLongest(TimeSpan delay) => delay < LongestTimer ? delay : LongestTimer;

        /// <summary>True for the one call that stopped it.</summary>
        public bool Stop()
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0)
                return false;
            lock (_gate)
            {
                _timer?.Dispose();
                _onCancel.Dispose();
            }
            scheduler._pending.TryRemove(this, out _);
            return true;
        }

        public void RunAtShutdown()
        {
            if (cancelable is not { IsCancellationRequested: true })
                Run();
        }

        private void Fire()
        {
            if (Volatile.Read(ref _stopped) != 0 || cancelable is { IsCancellationRequested: true })
            {
                Stop();
                return;
            }
            if (!repeats)
                Stop();
            Run();
        }

        private void Run()
        {
            try
            {
                action();
            }
            catch (SchedulerException)
            {
                // A tell to an actor system that is shutting down.
            }
            catch (Exception e)
            {
                scheduler.Log.Error(e, "error in a scheduled task; it will not run again");
                Stop();
            }
        }
    }
}
