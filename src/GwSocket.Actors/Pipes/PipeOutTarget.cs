namespace GwSocket.Actors.Pipes;

/// <summary>
/// The descriptor pipe-out writes to. A FIFO is opened without blocking and only when a reader has
/// it open (gwsocket's O_WRONLY | O_NONBLOCK; ENXIO means nobody reads yet), and closed when its
/// reader leaves, so that the next reader does not get what was left in the pipe. Standard output
/// is there from the start and gone for good once its reader has left.
/// </summary>
internal sealed class PipeOutTarget
{
    private const int StandardOutputFd = 1;

    private readonly string? _fifoPath;
    private bool _standardOutputGone;

    private PipeOutTarget(string? fifoPath) => _fifoPath = fifoPath;

    public static PipeOutTarget ForFifo(string path) => new(path);

    public static PipeOutTarget ForStandardOutput() => new(null);

    public int Fd { get; private set; } = -1;

    public bool IsOpen => Fd >= 0;

    public string Name => _fifoPath ?? "standard output";

    /// <summary>True when open; false while there is no reader. Throws when the path cannot be used at all.</summary>
    public bool TryOpen()
    {
        if (_fifoPath is null)
        {
            Fd = _standardOutputGone ? -1 : StandardOutputFd;
            return IsOpen;
        }

        NamedPipe.Ensure(_fifoPath, PipeOutSettings.Option);
        var fd = LibC.open(_fifoPath, LibC.OWrOnly | LibC.ONonBlock | LibC.OCloExec);
        if (fd >= 0)
        {
            Fd = fd;
            return true;
        }
        var errno = LibC.LastError;
        if (errno is LibC.ENxIo or LibC.EIntr)
            return false;
        throw new IOException($"{PipeOutSettings.Option}={_fifoPath}: cannot open: {LibC.ErrorMessage(errno)}");
    }

    /// <summary>The reader has gone (or writing failed).</summary>
    public void ReaderLeft()
    {
        if (_fifoPath is null)
            _standardOutputGone = true;
        Close();
    }

    public void Close()
    {
        if (_fifoPath is not null && Fd >= 0)
            LibC.close(Fd);
        Fd = -1;
    }
}
