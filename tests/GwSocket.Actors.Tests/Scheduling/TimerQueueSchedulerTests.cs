using Akka.Actor;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.Scheduling;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Scheduling;

/// <summary>Akka's timers on the runtime's timer queue: on time, cancellable, repeating ones in step with each other.</summary>
public sealed class TimerQueueSchedulerTests(ITestOutputHelper output) : TestKit(output: output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(10_300, 1_000, 1_000, 1_700)] // due at 11.3 s: put off to 12 s
    [InlineData(10_000, 1_000, 1_000, 1_000)] // due at 11 s: already in step
    [InlineData(10_300, 0, 30_000, 700)] // a 30 s interval steps by whole seconds too
    [InlineData(10_300, 100, 250, 200)] // a shorter interval is its own step: 10.4 s to 10.5 s
    public void Repeating_timers_start_on_a_whole_step(long now, int delayMs, int intervalMs, int expectedMs)
    {
        Assert.Equal(
            TimeSpan.FromMilliseconds(expectedMs),
            TimerQueueScheduler.InStep(now, TimeSpan.FromMilliseconds(delayMs), TimeSpan.FromMilliseconds(intervalMs)));
    }

    [Fact]
    public async Task A_tell_fires_once_after_its_delay()
    {
        using var scheduler = new TimerQueueScheduler(Sys.Settings.Config, Sys.Log);
        var started = DateTime.UtcNow;

        ((IScheduler)scheduler).ScheduleTellOnce(TimeSpan.FromMilliseconds(200), TestActor, "once", ActorRefs.NoSender);

        await ExpectMsgAsync("once", Patience);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(190));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task A_cancelled_repeating_tell_stops()
    {
        using var scheduler = new TimerQueueScheduler(Sys.Settings.Config, Sys.Log);
        var cancelable = new Cancelable((IScheduler)scheduler);

        ((IScheduler)scheduler).ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(50), TestActor, "tick", ActorRefs.NoSender, cancelable);
        await ExpectMsgAsync("tick", Patience);
        await ExpectMsgAsync("tick", Patience);
        cancelable.Cancel();
        // A tick already on its way when it was cancelled may still come; none after that.
        ReceiveWhile(TimeSpan.FromMilliseconds(200), message => message);

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_delay_longer_than_a_timer_allows_waits_until_shutdown()
    {
        var scheduler = new TimerQueueScheduler(Sys.Settings.Config, Sys.Log);
        ((IScheduler)scheduler).ScheduleTellOnce(TimeSpan.FromDays(365), TestActor, "much later", ActorRefs.NoSender);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        scheduler.Dispose();

        await ExpectMsgAsync("much later", Patience);
    }

    [Fact]
    public async Task Work_still_pending_at_shutdown_runs_once_then()
    {
        var scheduler = new TimerQueueScheduler(Sys.Settings.Config, Sys.Log);
        ((IScheduler)scheduler).ScheduleTellOnce(TimeSpan.FromMinutes(10), TestActor, "at shutdown", ActorRefs.NoSender);

        scheduler.Dispose();

        await ExpectMsgAsync("at shutdown", Patience);
    }
}
