using GwSocket.Actors.Routing;

namespace GwSocket.Actors.Pipes;

/// <summary>The decoding stage of pipe-in: chunks in, the <see cref="Delivery"/>s they complete out, in order.</summary>
internal interface IPipeInDecoder
{
    IReadOnlyList<Delivery> Decode(PipeInChunk chunk);
}
