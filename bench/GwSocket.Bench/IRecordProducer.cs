namespace GwSocket.Bench;

/// <summary>How the benchmark's records reach the first node: its pipe-in FIFO, or its network pipe (--producer=).</summary>
internal interface IRecordProducer : IDisposable
{
    /// <summary>Writes the plan's records, flat out at max rate, and returns how many were written.</summary>
    long Run(ProducerPlan plan);

    /// <summary>One broadcast record of the warm-up phase (0), which clients only note as seen.</summary>
    void WriteWarmup();
}
