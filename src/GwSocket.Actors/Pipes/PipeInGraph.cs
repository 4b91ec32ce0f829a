using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using GwSocket.Actors.Routing;

namespace GwSocket.Actors.Pipes;

/// <summary>
/// The pipe-in stream: the blocking reader (on the stream's blocking-IO dispatcher) → the decoding
/// stage → the router, which acknowledges each <see cref="PipeInBatch"/> (the records of one read) once the clients
/// that keep reading have room for it; the next is read only then, so slow clients slow the producer down.
/// </summary>
internal static class PipeInGraph
{
    /// <summary>Runs the stream; the task ends with it, failed when the stream failed.</summary>
    public static Task<Done> Run(PipeInReader reader, IPipeInDecoder decoder, IActorRef router, IMaterializer materializer) =>
        Source.UnfoldResource(() => reader, r => r.Read(), r => r.Dispose())
            .Select(decoder.Decode)
            .Where(deliveries => deliveries.Count > 0)
            .Select(deliveries => new PipeInBatch(deliveries))
            .WatchTermination(Keep.Right)
            .To(Sink.ActorRefWithAck<PipeInBatch>(
                router,
                RouterStreamProtocol.Started.Instance,
                RouterStreamProtocol.Ack.Instance,
                RouterStreamProtocol.Completed.Instance,
                cause => new RouterStreamProtocol.Failed(cause)))
            .Run(materializer);
}
