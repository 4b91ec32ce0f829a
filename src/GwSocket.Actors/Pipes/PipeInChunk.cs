namespace GwSocket.Actors.Pipes;

/// <summary>
/// What the pipe-in reader emits: bytes read during one writer session (the time the pipe stays open
/// between two ends of file), or the end of that session, when every writer has gone away.
/// </summary>
internal sealed record PipeInChunk(long Session, byte[] Bytes, bool SessionEnded)
{
    public static PipeInChunk Read(long session, byte[] bytes) => new(session, bytes, false);

    public static PipeInChunk EndOfSession(long session) => new(session, [], true);
}
