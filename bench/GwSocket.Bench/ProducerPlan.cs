namespace GwSocket.Bench;

/// <summary>
/// What the producer writes in one phase: records of <paramref name="PayloadSize"/> bytes to
/// <paramref name="Targets"/> in turn (just id 0 for a broadcast), at <paramref name="RecordsPerSecond"/>
/// (0: flat out, as fast as pipe-in takes them: the server's flow control slows the producer), for <paramref name="Duration"/>. After its stamp a payload is zeros, or
/// JSON-like text when <paramref name="JsonLike"/> (what compression is measured with: zeros would shrink to nothing).
/// </summary>
internal sealed record ProducerPlan(uint Phase, int PayloadSize, uint[] Targets, double RecordsPerSecond, TimeSpan Duration, bool JsonLike = false)
{
    public static readonly uint[] Broadcast = [0];

    public bool IsBroadcast => Targets is [0];

    /// <summary>How many of <paramref name="records"/> records client number <paramref name="index"/> must receive.</summary>
    public long ExpectedBy(int index, long records) =>
        IsBroadcast ? records : (records / Targets.Length) + (index < records % Targets.Length ? 1 : 0);
}
