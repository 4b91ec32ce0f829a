namespace GwSocket.Actors.Pipes;

/// <summary>Where pipe-in comes from and how it is read: <c>--pipein</c> or <c>--stdin</c>, <c>--strict</c>, <c>--max-frame-size</c>.</summary>
public sealed record PipeInSettings(string? FifoPath, bool Strict, int MaxPayload)
{
    public const string Option = "--pipein";
    public const string DefaultFifoPath = "/tmp/wspipein.fifo";

    /// <summary>gwsocket reads PIPE_BUF - 1 bytes at a time in standard mode and makes a message of each read.</summary>
    public const int StandardReadSize = 4095;

    public const int StrictReadSize = 64 * 1024;

    public bool ReadsStandardInput => FifoPath is null;

    public int ReadSize => Strict ? StrictReadSize : StandardReadSize;

    public static PipeInSettings Fifo(string path, bool strict, int maxPayload) => new(path, strict, maxPayload);

    public static PipeInSettings StandardInput(bool strict, int maxPayload) => new(null, strict, maxPayload);
}
