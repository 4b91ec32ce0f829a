namespace GwSocket.Actors.Pipes;

/// <summary>The pipe-in stream of one generation ended without an error.</summary>
internal sealed record PipeInStreamEnded(int Generation);

/// <summary>The pipe-in stream of one generation failed.</summary>
internal sealed record PipeInStreamFailed(int Generation, Exception Cause);

/// <summary>The backoff after a failure is over: run the stream again.</summary>
internal sealed class RestartPipeInStream
{
    public static readonly RestartPipeInStream Instance = new();

    private RestartPipeInStream()
    {
    }
}
