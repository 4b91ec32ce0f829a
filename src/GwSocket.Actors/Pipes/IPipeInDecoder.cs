namespace GwSocket.Actors.Pipes;

/// <summary>The decoding stage of pipe-in: chunks in, router messages (<see cref="Routing.Broadcast"/>, <see cref="Routing.Unicast"/>) out.</summary>
internal interface IPipeInDecoder
{
    IReadOnlyList<object> Decode(PipeInChunk chunk);
}
