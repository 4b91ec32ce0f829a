namespace GwSocket.Actors.Pipes;

/// <summary>
/// A self-pipe: another thread sets it to wake a thread waiting in poll() on a pipe, so a blocked
/// reader or writer can be told to stop or to give up its pipe without polling on a timer.
/// </summary>
internal sealed class WakeSignal : IDisposable
{
    private readonly Lock _lock = new();
    private readonly byte[] _drain = new byte[64];
    private readonly int _readFd;
    private readonly int _writeFd;
    private bool _disposed;

    public WakeSignal()
    {
        var fds = new int[2];
        if (LibC.pipe2(fds, LibC.ONonBlock | LibC.OCloExec) != 0)
            throw new IOException($"cannot create a wake-up pipe: {LibC.LastErrorMessage}");
        _readFd = fds[0];
        _writeFd = fds[1];
    }

    /// <summary>The descriptor to poll for <see cref="LibC.PollIn"/>.</summary>
    public int Fd => _readFd;

    public void Set()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            byte one = 1;
            // A full pipe (EAGAIN) means it is already set.
            LibC.write(_writeFd, ref one, 1);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            while (LibC.read(_readFd, ref _drain[0], _drain.Length) > 0)
            {
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            LibC.close(_readFd);
            LibC.close(_writeFd);
        }
    }
}
