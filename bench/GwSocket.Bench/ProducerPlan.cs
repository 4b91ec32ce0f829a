namespace GwSocket.Bench;

/// <summary>
/// What the producer writes in one phase: records of <paramref name="PayloadSize"/> bytes to
/// <paramref name="Targets"/> in turn (just id 0 for a broadcast), at <paramref name="RecordsPerSecond"/>
/// (0: as fast as the clients take them), for <paramref name="Duration"/>. After its stamp a payload is zeros, or
/// JSON-like text when <paramref name="JsonLike"/> (what compression is measured with: zeros would shrink to nothing).
/// </summary>
internal sealed record ProducerPlan(uint Phase, int PayloadSize, uint[] Targets, double RecordsPerSecond, TimeSpan Duration, bool JsonLike = false)
{
    public static readonly uint[] Broadcast = [0];

    // Well under the server's 2 MiB outbound queue per client, whose overflow drops messages by design.
    private const int BytesAheadPerClient = 1024 * 1024;
    private const int MaxRecordsAhead = 4096;

    /// <summary>
    /// At max rate, how many records the producer may be ahead of the clients: a saturated server then
    /// slows the producer down instead of dropping for clients it cannot serve fast enough.
    /// </summary>
    public long RecordsAhead => Math.Clamp(BytesAheadPerClient / (PayloadSize + 14) * (IsBroadcast ? 1 : Targets.Length), 2, MaxRecordsAhead);

    public bool IsBroadcast => Targets is [0];

    /// <summary>How many of <paramref name="records"/> records client number <paramref name="index"/> must receive.</summary>
    public long ExpectedBy(int index, long records) =>
        IsBroadcast ? records : (records / Targets.Length) + (index < records % Targets.Length ? 1 : 0);
}
