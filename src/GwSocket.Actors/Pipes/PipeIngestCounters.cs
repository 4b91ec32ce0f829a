namespace GwSocket.Actors.Pipes;

/// <summary>
/// What pipe-in has done so far. Records are strict records, or messages in standard mode. <paramref name="Source"/>:
/// <c>fifo</c> or <c>stdin</c>.
/// </summary>
public sealed record PipeIngestCounters(
    long RecordsIn,
    long BytesIn,
    long DecodeErrors,
    long Replacements,
    long PartialRecordsDiscarded,
    int StreamRestarts,
    string Source = PipeIngestCounters.Fifo)
{
    public const string Fifo = "fifo";
    public const string StandardInput = "stdin";
}

/// <summary>Ask <see cref="PipeIngest"/> for its <see cref="PipeIngestCounters"/>.</summary>
internal sealed class GetPipeIngestCounters
{
    public static readonly GetPipeIngestCounters Instance = new();

    private GetPipeIngestCounters()
    {
    }
}
