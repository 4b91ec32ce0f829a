namespace GwSocket.Actors.Pipes;

/// <summary>What pipe-in has done so far. Records are strict records, or messages in standard mode.</summary>
public sealed record PipeIngestCounters(
    long RecordsIn,
    long BytesIn,
    long DecodeErrors,
    long Replacements,
    long PartialRecordsDiscarded,
    int StreamRestarts);

/// <summary>Ask <see cref="PipeIngest"/> for its <see cref="PipeIngestCounters"/>.</summary>
public sealed class GetPipeIngestCounters
{
    public static readonly GetPipeIngestCounters Instance = new();

    private GetPipeIngestCounters()
    {
    }
}
