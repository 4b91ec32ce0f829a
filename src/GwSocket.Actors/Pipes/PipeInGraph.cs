using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using GwSocket.Actors.Routing;

namespace GwSocket.Actors.Pipes;

/// <summary>
/// The pipe-in stream: the blocking reader (on the stream's blocking-IO dispatcher) → the decoding
/// stage → the router, which acknowledges each message (a record, or all the records of one read as a
/// <see cref="PipeInBatch"/>) before the next is sent, so a busy router slows the reader down instead of filling memory.
/// </summary>
internal static class PipeInGraph
{
    /// <summary>Runs the stream; the task ends with it, failed when the stream failed.</summary>
    public static Task<Done> Run(PipeInReader reader, IPipeInDecoder decoder, IActorRef router, IMaterializer materializer) =>
        Source.UnfoldResource(() => reader, r => r.Read(), r => r.Dispose())
            .Select(decoder.Decode)
            .Where(deliveries => deliveries.Count > 0)
            .Select(deliveries => deliveries.Count == 1 ? deliveries[0] : new PipeInBatch(deliveries))
            .WatchTermination(Keep.Right)
            .To(Sink.ActorRefWithAck<object>(
                router,
                RouterStreamProtocol.Started.Instance,
                RouterStreamProtocol.Ack.Instance,
                RouterStreamProtocol.Completed.Instance,
                cause => new RouterStreamProtocol.Failed(cause)))
            .Run(materializer);
}
