using Akka.Event;
using Akka.Util;

namespace GwSocket.Actors.Pipes;

/// <summary>
/// Reads pipe-in on a thread that may block, as the resource of an Akka.Streams source. A FIFO is
/// opened for reading (blocking until a writer comes), read until every writer has gone, then
/// reopened for the next writer, forever; standard input is read once to its end. Every wait is
/// a poll() that <see cref="Cancel"/> and <see cref="Abandon"/> can interrupt.
/// </summary>
internal sealed class PipeInReader : IDisposable
{
    /// <summary>Descriptor 0 itself, not Console.OpenStandardInput(): a read there cannot be interrupted at shutdown, a poll() can.</summary>
    private const int StandardInputFd = 0;
    private static readonly TimeSpan UnblockPatience = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan UnblockRetry = TimeSpan.FromMilliseconds(20);

    private readonly string? _fifoPath;
    private readonly string _option;
    private readonly byte[] _buffer;
    private readonly WakeSignal _wake = new();
    private readonly ManualResetEventSlim _finished = new();
    private int _fd = -1;
    // The FIFO this reader opens, held by an O_PATH descriptor while it waits and reads: open() and its unblocking
    // both go through it, so they meet at the same FIFO even when another one has replaced it at the path.
    private readonly Lock _handleLock = new();
    private int _handle = -1;
    private long _session;
    private long _abandonedSession;
    private bool _standardInputEnded;
    private volatile bool _cancelled;
    private readonly ILoggingAdapter? _log;

    private PipeInReader(string? fifoPath, string option, int readSize, ILoggingAdapter? log)
    {
        _fifoPath = fifoPath;
        _option = option;
        _buffer = new byte[readSize];
        _log = log;
    }

    /// <param name="log">Told when a writer opens the FIFO and when the last one closes it.</param>
    public static PipeInReader ForFifo(string path, string option, int readSize, ILoggingAdapter? log = null) => new(path, option, readSize, log);

    public static PipeInReader ForStandardInput(int readSize) => new(null, "--stdin", readSize, null);

    /// <summary>The next chunk, blocking as long as it takes; none once cancelled or standard input has ended.</summary>
    public Option<PipeInChunk> Read()
    {
        while (!_cancelled)
        {
            if (_fd < 0 && !TryOpen())
                break;
            if (Interlocked.Read(ref _abandonedSession) == _session)
            {
                Resynchronise();
                continue;
            }
            var outcome = PipePoll.Wait(_fd, LibC.PollIn, _wake, PipePoll.Forever);
            if (outcome.PipeEvents == 0)
                continue;
            if (outcome.Has(LibC.PollNval))
                return EndSession();
            var count = LibC.read(_fd, ref _buffer[0], _buffer.Length);
            if (count > 0)
                return PipeInChunk.Read(_session, _buffer.AsSpan(0, (int)count).ToArray());
            if (count == 0)
                return EndSession();
            var errno = LibC.LastError;
            if (errno is not (LibC.EIntr or LibC.EAgain))
                throw new IOException($"{_option}: read failed: {LibC.ErrorMessage(errno)}");
        }
        _finished.Set();
        return Option<PipeInChunk>.None;
    }

    /// <summary>
    /// Drops the rest of a session whose bytes could not be decoded, as gwsocket does: the FIFO is
    /// closed and reopened (standard input cannot be, so only what was read so far is dropped).
    /// Safe from any thread; a session that has already ended is left alone.
    /// </summary>
    public void Abandon(long session)
    {
        Interlocked.Exchange(ref _abandonedSession, session);
        _wake.Set();
    }

    /// <summary>Makes <see cref="Read"/> return none soon, also when it waits in open() for a writer that never comes. Safe from any thread.</summary>
    public void Cancel()
    {
        _cancelled = true;
        _wake.Set();
        if (_fifoPath is not null)
            Task.Run(UnblockOpen);
    }

    public void Dispose()
    {
        CloseFifo();
        _finished.Set();
        _wake.Dispose();
    }

    private bool TryOpen()
    {
        if (_fifoPath is null)
        {
            if (_standardInputEnded)
                return false;
            _fd = StandardInputFd;
            _session++;
            return true;
        }

        NamedPipe.Ensure(_fifoPath, _option);
        var handle = OpenHandle();
        int fd;
        while ((fd = LibC.open(ThroughHandle(handle), LibC.ORdOnly | LibC.OCloExec)) < 0)
        {
            if (LibC.LastError != LibC.EIntr)
                throw new IOException($"{_option}={_fifoPath}: cannot open: {LibC.LastErrorMessage}");
        }
        if (_cancelled)
        {
            LibC.close(fd);
            CloseFifo();
            return false;
        }
        _fd = fd;
        _session++;
        _log?.Info("pipe-in: a writer opened {0}", _fifoPath);
        return true;
    }

    private PipeInChunk EndSession()
    {
        if (_fifoPath is null)
            _standardInputEnded = true;
        else
            _log?.Info("pipe-in: the last writer closed {0}", _fifoPath);
        CloseFifo();
        _fd = -1;
        return PipeInChunk.EndOfSession(_session);
    }

    private void Resynchronise()
    {
        if (_fifoPath is null)
            _session++;
        else
            CloseFifo();
    }

    private int OpenHandle()
    {
        var handle = LibC.open(_fifoPath!, LibC.OPath | LibC.OCloExec);
        if (handle < 0)
            throw new IOException($"{_option}={_fifoPath}: cannot open: {LibC.LastErrorMessage}");
        lock (_handleLock)
            _handle = handle;
        return handle;
    }

    /// <summary>The FIFO behind an O_PATH descriptor, opened again with real access through /proc.</summary>
    private static string ThroughHandle(int handle) => $"/proc/self/fd/{handle}";

    private void CloseFifo()
    {
        if (_fifoPath is null)
            return;
        if (_fd >= 0)
            LibC.close(_fd);
        _fd = -1;
        lock (_handleLock)
        {
            if (_handle >= 0)
                LibC.close(_handle);
            _handle = -1;
        }
    }

    /// <summary>
    /// A reader blocked in open() returns once a writer opens the FIFO, so become that writer until the
    /// reader has finished. Retried because the reader may be just about to enter open().
    /// </summary>
    private void UnblockOpen()
    {
        var giveUp = DateTime.UtcNow + UnblockPatience;
        while (!_finished.IsSet && DateTime.UtcNow < giveUp)
        {
            var fd = OpenWriterOfHeldFifo();
            var left = giveUp - DateTime.UtcNow;
            _finished.Wait(fd < 0 ? UnblockRetry : left > TimeSpan.Zero ? left : TimeSpan.Zero);
            if (fd >= 0)
                LibC.close(fd);
        }
    }

    /// <summary>A non-blocking writer of the FIFO the reader holds (under the lock, so that its descriptor is not closed and reused meanwhile); -1 when it holds none or has no reader yet.</summary>
    private int OpenWriterOfHeldFifo()
    {
        lock (_handleLock)
            return _handle < 0 ? -1 : LibC.open(ThroughHandle(_handle), LibC.OWrOnly | LibC.ONonBlock | LibC.OCloExec);
    }
}
