using GwSocket.Actors.Pipes;

namespace GwSocket.Actors.Tests.NetworkPipes;

internal static class QueuedRecords
{
    /// <summary>Takes every record out of <paramref name="queue"/>, oldest first.</summary>
    public static List<byte[]> Drain(PipeOutQueue queue)
    {
        var records = new List<byte[]>();
        while (queue.Peek() is { } record)
        {
            records.Add(record);
            queue.RemoveHead();
        }
        return records;
    }
}
