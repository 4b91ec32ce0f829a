using System.Buffers.Binary;
using System.Diagnostics;

namespace GwSocket.Bench;

/// <summary>
/// Writes strict-mode records (binary, type 0x02) into a server's pipe-in from one thread, several
/// records per write; each record is stamped just before the write that carries it.
/// </summary>
internal sealed class PipeInProducer(string fifoPath) : IRecordProducer
{
    internal const int HeaderSize = 12;
    internal const int BatchBytes = 64 * 1024;
    private const uint BinaryType = 0x02;

    // Opening a FIFO for writing waits for its reader, the server, which opens it at startup.
    private readonly FileStream _pipe = new(fifoPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);

    /// <summary>
    /// Writes the plan's records and returns how many were written. At max rate it writes flat out, with no pacing:
    /// its writes block while the server's clients catch up, as any producer's do.
    /// </summary>
    public long Run(ProducerPlan plan) => WriteRecords(plan, (batch, length) => _pipe.Write(batch, 0, length));

    /// <summary>One broadcast record of the warm-up phase (0), which clients only note as seen.</summary>
    public void WriteWarmup() => _pipe.Write(WarmupRecord());

    public void Dispose() => _pipe.Dispose();

    /// <summary>
    /// Produces the plan's records in batches of up to <see cref="BatchBytes"/>, each handed to <paramref name="write"/>
    /// with its length, and returns how many were produced: flat out at max rate, else at the plan's rate.
    /// </summary>
    internal static long WriteRecords(ProducerPlan plan, Action<byte[], int> write)
    {
        var recordSize = HeaderSize + plan.PayloadSize;
        var batch = new byte[Math.Max(BatchBytes, recordSize)];
        var perBatch = batch.Length / recordSize;
        var started = Stopwatch.GetTimestamp();
        long written = 0;
        while (true)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed >= plan.Duration)
                break;
            var count = perBatch;
            if (plan.RecordsPerSecond > 0)
            {
                var due = (long)(plan.RecordsPerSecond * elapsed.TotalSeconds) + 1 - written;
                if (due <= 0)
                {
                    Thread.Sleep(1);
                    continue;
                }
                count = (int)Math.Min(due, perBatch);
            }
            Fill(batch, plan, written, count);
            write(batch, count * recordSize);
            written += count;
        }
        return written;
    }

    /// <summary>One broadcast record of the warm-up phase (0), which clients only note as seen.</summary>
    internal static byte[] WarmupRecord()
    {
        var record = new byte[HeaderSize + RecordStamp.Size];
        Fill(record, new ProducerPlan(0, RecordStamp.Size, ProducerPlan.Broadcast, 0, TimeSpan.Zero), 0, 1);
        return record;
    }

    private static void Fill(byte[] batch, ProducerPlan plan, long first, int count)
    {
        var recordSize = HeaderSize + plan.PayloadSize;
        var now = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var n = first + i;
            var record = batch.AsSpan(i * recordSize, recordSize);
            var target = plan.Targets[(int)(n % plan.Targets.Length)];
            BinaryPrimitives.WriteUInt32BigEndian(record, target);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], BinaryType);
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)plan.PayloadSize);
            if (plan.JsonLike)
                JsonFiller.Bytes.AsSpan(0, plan.PayloadSize - RecordStamp.Size).CopyTo(record[(HeaderSize + RecordStamp.Size)..]);
            new RecordStamp(plan.Phase, (uint)(n / plan.Targets.Length), now).Write(record[HeaderSize..]);
        }
    }
}
