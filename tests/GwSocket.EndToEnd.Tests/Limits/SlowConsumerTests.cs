using System.Buffers.Binary;
using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;
using Xunit.Abstractions;

namespace GwSocket.EndToEnd.Tests.Limits;

/// <summary>
/// One client that never reads among 100 that do: the readers get every broadcast in order, the stalled client's
/// queue stays at its bound (its messages dropped and counted, or it is closed with 1008), and the server's memory
/// does not grow with what the stalled client is missing.
/// </summary>
public sealed class SlowConsumerTests(ITestOutputHelper output)
{
    private const int Readers = 100;
    private const int RecordSize = 16 * 1024;
    private const int WarmUp = 3000;

    /// <summary>How far the producer may run ahead of the slowest reader, as a producer paced by its consumers would.</summary>
    private const long Window = 256 * 1024;

    /// <summary>
    /// What the server may grow by over its size once warmed up: the stalled client's 2 MiB queue, each reader's
    /// window (copied into its connection's buffers), and 96 MiB for the runtime: the GC lets garbage reach its
    /// allocation budgets (sized from the CPU cache, 32 MiB of L3 here) before collecting, plus Kestrel's pools.
    /// Measured: 52 to 70 MiB. Keeping everything the stalled client misses would take the full 200 MB more.
    /// </summary>
    private const long MemoryMargin = 2 * 1024 * 1024 + Readers * Window + 96 * 1024 * 1024;

    [Fact]
    public async Task A_client_that_never_reads_loses_only_its_own_messages_counted_while_100_readers_get_200_MB_in_order_within_bounded_memory()
    {
        const long total = 200L * 1000 * 1000;
        const int records = (int)(total / RecordSize);
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        using var stalled = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port));
        var readers = await ConnectReadersAsync(server, pipeOut);
        await using var producer = new FileStream(server.PipeIn, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);

        // Warm up with the first 3000 records (by then the stalled client's socket and queue are full), then sample
        // the server's memory through the rest.
        var received = new long[Readers];
        var reading = readers.Select((reader, index) => ReadInOrderAsync(reader, records, count => Volatile.Write(ref received[index], count))).ToArray();
        await ProduceAsync(producer, 0, WarmUp, received);
        await WaitForAsync(() => MinOf(received) >= WarmUp, "every reader has the warm-up records", reading);
        var warm = ProcessMemory.ResidentBytes(server.Id);
        var peak = warm;
        using (new ProcessMemory.Sampler(server.Id, bytes => Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), bytes))))
        {
            await ProduceAsync(producer, WarmUp, records, received);
            await Task.WhenAll(reading);
        }

        var metrics = await OpsHttp.ScrapeUntilAsync(server.Port, m => m.Value("gwsocket_drops_total", ("reason", "slow_client")) > 0, "the stalled client's drops counted");
        var drops = metrics.Value("gwsocket_drops_total", ("reason", "slow_client")) ?? 0;
        output.WriteLine($"{records} records of {RecordSize} B to {Readers} readers and one stalled client: RSS {Mib(warm)} warm, peak {Mib(peak)} " +
            $"(+{Mib(peak - warm)}, margin {Mib(MemoryMargin)}), {drops} dropped for the stalled client");
        Assert.True(peak - warm <= MemoryMargin,
            $"server RSS grew by {Mib(peak - warm)} over {Mib(warm)} once warm, more than {Mib(MemoryMargin)}.{server.Diagnostics()}");
        // The stalled client could hold at most its 2 MiB queue and what the kernel's socket buffers took: the rest is dropped.
        Assert.True(drops >= records - (2 * 1024 * 1024 + 32 * 1024 * 1024) / RecordSize, $"{drops} drops of {records} records");
        Assert.Equal(WebSocketState.Open, stalled.State);
        await CloseAllAsync(readers);
    }

    [Fact]
    public async Task Under_the_close_policy_the_client_that_never_reads_is_closed_with_1008_and_its_close_reaches_pipe_out()
    {
        const int records = 4000;
        using var directory = new TempDirectory();
        var config = directory.File("close-policy.conf");
        // A close timeout long enough for the stalled client to come back and read its close frame on a loaded machine.
        await File.WriteAllTextAsync(config, "gwsocket.slow-clients.policy = close\ngwsocket.close-timeout = 60s\n");
        await using var server = await GwSocketProcess.StartAsync("--strict", $"--config={config}");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        using var stalled = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port));
        var stalledId = await pipeOut.NextOpenAsync(0);
        var readers = await ConnectReadersAsync(server, pipeOut);
        await using var producer = new FileStream(server.PipeIn, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);

        var received = new long[Readers];
        var reading = readers.Select((reader, index) => ReadInOrderAsync(reader, records, count => Volatile.Write(ref received[index], count))).ToArray();
        await ProduceAsync(producer, 0, records, received);
        await Task.WhenAll(reading);
        var metrics = await OpsHttp.ScrapeUntilAsync(server.Port, m => m.Value("gwsocket_slow_clients_closed_total") == 1, "one slow client closed");
        Assert.Equal(0, metrics.Value("gwsocket_drops_total", ("reason", "slow_client")));

        // The stalled client reads at last: what its socket and queue held, then the close frame, 1008, which it answers.
        var messages = 0;
        while ((await stalled.ReceiveMessageAsync()).Type != WebSocketMessageType.Close)
        {
            messages++;
        }

        using (var cts = new CancellationTokenSource(Timeouts.Receive))
        {
            await stalled.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
        }

        output.WriteLine($"the stalled client read {messages} of {records} messages, then close {stalled.CloseStatus}");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, stalled.CloseStatus);
        Assert.True(messages < records, $"the stalled client got all {records} messages: it was never held to its bound");
        await pipeOut.WaitForRecordsAsync(all => all.Any(r => r.Type == StrictRecord.Close && r.ClientId == stalledId), $"the close of the stalled client {stalledId}");
        await CloseAllAsync(readers);
    }

    /// <summary>The readers, each connected once the one before it shows on pipe-out, so that all are registered.</summary>
    private static async Task<List<ClientWebSocket>> ConnectReadersAsync(GwSocketProcess server, PipeOutConsumer pipeOut)
    {
        var opensBefore = pipeOut.Records.Count(r => r.Type == StrictRecord.Open);
        var readers = new List<ClientWebSocket>();
        for (var i = 0; i < Readers; i++)
        {
            readers.Add(await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port)));
        }

        await pipeOut.WaitForRecordsAsync(all => all.Count(r => r.Type == StrictRecord.Open) >= opensBefore + Readers, $"{Readers} more opens");
        return readers;
    }

    /// <summary>Broadcasts records [from, to), each a binary payload that starts with its sequence number, never more than <see cref="Window"/> ahead of the slowest reader.</summary>
    private static async Task ProduceAsync(FileStream producer, int from, int to, long[] received)
    {
        var record = new byte[StrictRecord.HeaderSize + RecordSize];
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(4), StrictRecord.Binary);
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(8), RecordSize);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        for (var sequence = from; sequence < to; sequence++)
        {
            while ((sequence - MinOf(received)) * RecordSize > Window)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"the readers stopped at {MinOf(received)} of {to} records");
                }

                await Task.Delay(1);
            }

            BinaryPrimitives.WriteInt64BigEndian(record.AsSpan(StrictRecord.HeaderSize), sequence);
            await producer.WriteAsync(record);
        }
    }

    private static long MinOf(long[] received)
    {
        var min = long.MaxValue;
        for (var i = 0; i < received.Length; i++)
        {
            min = Math.Min(min, Volatile.Read(ref received[i]));
        }

        return min;
    }

    /// <summary>Receives <paramref name="records"/> messages, each the next sequence number, reporting the count as it goes.</summary>
    private static async Task ReadInOrderAsync(ClientWebSocket reader, int records, Action<long> progress)
    {
        var buffer = new byte[RecordSize];
        for (long expected = 0; expected < records; expected++)
        {
            var filled = 0;
            using var cts = new CancellationTokenSource(Timeouts.Receive);
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

            Assert.Equal(RecordSize, filled);
            var sequence = BinaryPrimitives.ReadInt64BigEndian(buffer);
            Assert.True(sequence == expected, $"a reader got record {sequence} where {expected} was due");
            progress(expected + 1);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, Task[] reading)
    {
        await Eventually.TrueAsync(() => condition() || reading.Any(task => task.IsFaulted), () => $"never: {what}");
        var failed = reading.FirstOrDefault(task => task.IsFaulted);
        if (failed is not null)
        {
            await failed;
        }
    }

    private static Task CloseAllAsync(IEnumerable<ClientWebSocket> clients) =>
        Task.WhenAll(clients.Select(async client =>
        {
            using var cts = new CancellationTokenSource(Timeouts.Receive);
            await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            client.Dispose();
        }));

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):F1} MiB";
}
