namespace GwSocket.Actors.Routing;

/// <summary>
/// The acknowledgement protocol between a pipe-ingest stream and the router (Akka.Streams'
/// Sink.ActorRefWithAck): the stream sends the next frame only after the router acknowledged the
/// previous one, so a busy router slows the pipe reader instead of filling a mailbox.
/// </summary>
internal static class RouterStreamProtocol
{
    public sealed class Started
    {
        public static readonly Started Instance = new();
    }

    public sealed class Ack
    {
        public static readonly Ack Instance = new();
    }

    public sealed class Completed
    {
        public static readonly Completed Instance = new();
    }

    public sealed record Failed(Exception Cause);
}
