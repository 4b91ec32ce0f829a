namespace GwSocket.Actors.Pipes;

/// <summary>
/// What pipe-out has done so far. <paramref name="RecordsCut"/>: records whose reader left in the
/// middle of them; the rest of each was dropped so the next reader starts at a whole record.
/// <paramref name="WriterFailure"/>: why the writer stopped for good (an unexpected error), null while it runs.
/// </summary>
public sealed record PipeOutCounters(
    long RecordsWritten,
    long RecordsDropped,
    long BytesDropped,
    long RecordsCut,
    long QueuedBytes,
    bool ReaderConnected,
    string? WriterFailure = null);

/// <summary>Ask <see cref="PipeOut"/> for its <see cref="PipeOutCounters"/>.</summary>
internal sealed class GetPipeOutCounters
{
    public static readonly GetPipeOutCounters Instance = new();

    private GetPipeOutCounters()
    {
    }
}
