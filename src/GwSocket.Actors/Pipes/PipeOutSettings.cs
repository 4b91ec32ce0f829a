namespace GwSocket.Actors.Pipes;

/// <summary>Where pipe-out goes and how much may wait for a reader: <c>--pipeout</c> or <c>--stdout</c>, <c>--strict</c>.</summary>
public sealed record PipeOutSettings(string? FifoPath, bool Strict)
{
    public const string Option = "--pipeout";
    public const string DefaultFifoPath = "/tmp/wspipeout.fifo";
    public const long DefaultMaxQueuedBytes = 16 * 1024 * 1024;

    /// <summary>Records waiting for a reader, in bytes; beyond it new records are dropped and counted.</summary>
    public long MaxQueuedBytes { get; init; } = DefaultMaxQueuedBytes;

    /// <summary>How often to look for a reader while there is none (a FIFO cannot tell when one arrives).</summary>
    public TimeSpan ReaderRetryInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long stopping may wait for queued records (the closes written at shutdown) to reach the reader.</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public static PipeOutSettings Fifo(string path, bool strict) => new(path, strict);

    public static PipeOutSettings StandardOutput(bool strict) => new(null, strict);
}
