using System.Buffers.Binary;
using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.FlowControl;

/// <summary>
/// Strict-mode broadcasts numbered 0, 1, 2... written into pipe-in as fast as the FIFO takes them, and readers that
/// check they get every one of them, in order.
/// </summary>
public static class SequencedBroadcasts
{
    /// <summary>Broadcasts records [from, to), each a binary payload that starts with its sequence number, with no pacing.</summary>
    public static async Task ProduceAsync(Stream producer, int from, int to, int recordSize)
    {
        var record = new byte[StrictRecord.HeaderSize + recordSize];
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(4), StrictRecord.Binary);
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(8), (uint)recordSize);
        for (var sequence = from; sequence < to; sequence++)
        {
            BinaryPrimitives.WriteInt64BigEndian(record.AsSpan(StrictRecord.HeaderSize), sequence);
            await producer.WriteAsync(record);
        }
    }

    /// <summary>
    /// Receives <paramref name="records"/> messages, each the next sequence number, reporting the count as it goes.
    /// Each may take <see cref="Timeouts.Receive"/> plus <paramref name="holdLimit"/>, the time the server may hold
    /// the producer back for clients that do not read.
    /// </summary>
    public static async Task ReadInOrderAsync(ClientWebSocket reader, int records, int recordSize, TimeSpan holdLimit, Action<long> progress)
    {
        var buffer = new byte[recordSize];
        for (long expected = 0; expected < records; expected++)
        {
            var filled = 0;
            using var cts = new CancellationTokenSource(Timeouts.Receive + holdLimit);
            while (true)
            {
                var result = await reader.ReceiveAsync(buffer.AsMemory(filled), cts.Token);
                Assert.Equal(WebSocketMessageType.Binary, result.MessageType);
                filled += result.Count;
                if (result.EndOfMessage)
                {
                    break;
                }
            }

            Assert.Equal(recordSize, filled);
            var sequence = BinaryPrimitives.ReadInt64BigEndian(buffer);
            Assert.True(sequence == expected, $"a reader got record {sequence} where {expected} was due");
            progress(expected + 1);
        }
    }

    public static long MinOf(long[] received)
    {
        var min = long.MaxValue;
        for (var i = 0; i < received.Length; i++)
        {
            min = Math.Min(min, Volatile.Read(ref received[i]));
        }

        return min;
    }

    public static Task CloseAllAsync(IEnumerable<ClientWebSocket> clients) =>
        Task.WhenAll(clients.Select(async client =>
        {
            using var cts = new CancellationTokenSource(Timeouts.Receive);
            await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            client.Dispose();
        }));
}
