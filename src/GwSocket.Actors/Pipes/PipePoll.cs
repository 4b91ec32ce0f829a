namespace GwSocket.Actors.Pipes;

/// <summary>What a wait on a pipe saw: the pipe's poll events, none when woken or timed out.</summary>
internal readonly record struct PollOutcome(short PipeEvents)
{
    public bool Has(short events) => (PipeEvents & events) != 0;
}

/// <summary>Waits on a pipe and a wake signal together, so no thread ever blocks where it cannot be reached.</summary>
internal static class PipePoll
{
    public const int Forever = -1;

    /// <summary>
    /// Waits until the pipe has one of <paramref name="events"/> (errors and hang-ups are always
    /// reported), the wake signal is set, or the timeout passes.
    /// </summary>
    public static PollOutcome Wait(int pipeFd, short events, WakeSignal wake, int timeoutMilliseconds)
    {
        var fds = new PollFd[]
        {
            new() { Fd = pipeFd, Events = events },
            new() { Fd = wake.Fd, Events = LibC.PollIn },
        };
        while (LibC.poll(fds, (nuint)fds.Length, timeoutMilliseconds) < 0)
        {
            if (LibC.LastError != LibC.EIntr)
                throw new IOException($"poll failed: {LibC.LastErrorMessage}");
        }
        if (fds[1].Revents != 0)
            wake.Clear();
        return new PollOutcome(fds[0].Revents);
    }

    /// <summary>Milliseconds left until <paramref name="deadline"/> for poll(), never negative; <see cref="Forever"/> when there is none.</summary>
    public static int TimeoutUntil(DateTime? deadline)
    {
        if (deadline is not { } due)
            return Forever;
        var left = due - DateTime.UtcNow;
        return left <= TimeSpan.Zero ? 0 : (int)Math.Ceiling(Math.Min(left.TotalMilliseconds, int.MaxValue));
    }
}
