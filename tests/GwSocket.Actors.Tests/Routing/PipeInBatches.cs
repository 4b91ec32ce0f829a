using GwSocket.Actors.Routing;

namespace GwSocket.Actors.Tests.Routing;

/// <summary>Batches of one delivery, as pipe-in sends them for a single record.</summary>
internal static class PipeInBatches
{
    public static PipeInBatch Broadcast(byte[] frame) => new([new Delivery(0, frame)]);

    public static PipeInBatch Unicast(uint clientId, byte[] frame) => new([new Delivery(clientId, frame)]);
}
