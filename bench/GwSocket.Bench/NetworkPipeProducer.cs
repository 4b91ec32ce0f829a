using System.Diagnostics;
using System.Net.WebSockets;

namespace GwSocket.Bench;

/// <summary>
/// The same records as <see cref="PipeInProducer"/>, sent to the node's network pipe (<c>/gwsocket/pipe</c>, bearer
/// token) as binary messages of the same 64 KiB batches, from one thread. It does not wait for acknowledgements:
/// like a FIFO writer it is held back only by TCP, when the node stops reading its socket while the clients catch up.
/// </summary>
internal sealed class NetworkPipeProducer : IRecordProducer
{
    private readonly ClientWebSocket _socket = new();

    public NetworkPipeProducer(Uri url, string token)
    {
        _socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _socket.ConnectAsync(url, timeout.Token).GetAwaiter().GetResult();
    }

    public long Run(ProducerPlan plan)
    {
        var recordSize = PipeInProducer.HeaderSize + plan.PayloadSize;
        var batch = new byte[Math.Max(PipeInProducer.BatchBytes, recordSize)];
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
            PipeInProducer.Fill(batch, plan, written, count);
            Send(batch.AsMemory(0, count * recordSize));
            written += count;
        }
        return written;
    }

    public void WriteWarmup()
    {
        var record = new byte[PipeInProducer.HeaderSize + RecordStamp.Size];
        PipeInProducer.Fill(record, new ProducerPlan(0, RecordStamp.Size, ProducerPlan.Broadcast, 0, TimeSpan.Zero), 0, 1);
        Send(record);
    }

    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
    }

    private void Send(ReadOnlyMemory<byte> bytes) =>
        _socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).AsTask().GetAwaiter().GetResult();
}
