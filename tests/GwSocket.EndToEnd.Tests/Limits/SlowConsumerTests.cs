using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;
using Xunit.Abstractions;
using static GwSocket.EndToEnd.Tests.FlowControl.SequencedBroadcasts;

namespace GwSocket.EndToEnd.Tests.Limits;

/// <summary>
/// Clients that never read among 100 that do, and a producer that writes into pipe-in as fast as the FIFO takes it:
/// the readers get every broadcast in order, the stalled clients hold the producer back for at most the delay limit
/// and then get the policy (their messages dropped and counted, or closed with 1008), and the server's memory does
/// not grow with what they are missing.
/// </summary>
public sealed class SlowConsumerTests(ITestOutputHelper output)
{
    private const int Readers = 100;
    private const int Stalled = 2;
    private const int WarmUp = 3000;

    /// <summary>How long the stalled clients may hold the producer (and so every reader) back: slow-clients.max-delay.</summary>
    private static readonly TimeSpan DelayLimit = TimeSpan.FromSeconds(5);

    /// <summary>
    /// What the server may grow by over its size once warmed up: each stalled client's 2 MiB queue, the 2 MiB the
    /// readers may have waiting (the same broadcast arrays, shared), a 64 KiB write buffer per reader in Kestrel, and
    /// 96 MiB for the runtime: the GC lets garbage reach its allocation budgets (sized from the CPU cache, 32 MiB of
    /// L3 here) before collecting, plus Kestrel's pools. Keeping what the stalled clients miss would take 40 MB more.
    /// </summary>
    private const long MemoryMargin = (Stalled + 1) * 2 * 1024 * 1024 + Readers * 64 * 1024 + 96 * 1024 * 1024;

    [Fact]
    public async Task Two_clients_that_never_read_lose_only_their_own_messages_counted_while_100_readers_get_20_MB_each_in_order_within_bounded_memory()
    {
        const int recordSize = 1024;
        const int records = 20 * 1000 * 1000 / recordSize;
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        var stalled = new List<ClientWebSocket>();
        for (var i = 0; i < Stalled; i++)
        {
            stalled.Add(await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port)));
        }

        var readers = await ConnectReadersAsync(server, pipeOut, Stalled);
        await using var producer = new FileStream(server.PipeIn, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);

        // Warm up with the first 3000 records (by then the stalled clients' sockets and queues are full and the
        // delay limit has released them), then sample the server's memory through the rest.
        var received = new long[Readers];
        var reading = readers.Select((reader, index) => ReadInOrderAsync(reader, records, recordSize, DelayLimit, count => Volatile.Write(ref received[index], count))).ToArray();
        var started = DateTime.UtcNow;
        long warm;
        long peak;
        try
        {
            await ProduceAsync(producer, 0, WarmUp, recordSize);
            await WaitForAsync(() => MinOf(received) >= WarmUp, "every reader has the warm-up records", reading);
            warm = ProcessMemory.ResidentBytes(server.Id);
            peak = warm;
            using (new ProcessMemory.Sampler(server.Id, bytes => Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), bytes))))
            {
                await ProduceAsync(producer, WarmUp, records, recordSize);
                await Task.WhenAll(reading);
            }
        }
        catch (Exception)
        {
            // Whether the server found a reader slow, and why, is in its log.
            output.WriteLine(server.Diagnostics());
            throw;
        }

        var elapsed = DateTime.UtcNow - started;
        var metrics = await OpsHttp.ScrapeUntilAsync(server.Port, m => m.Value("gwsocket_drops_total", ("reason", "slow_client")) > 0, "the stalled clients' drops counted");
        var drops = metrics.Value("gwsocket_drops_total", ("reason", "slow_client")) ?? 0;
        Assert.True(metrics.Value("gwsocket_slow_clients_found_total", ("policy", "drop")) >= Stalled, "the stalled clients were not counted as found slow");
        Assert.True(metrics.Value("gwsocket_flow_held_back_seconds_total") > 0, "pipe-in was never held back");
        output.WriteLine($"{records} records of {recordSize} B to {Readers} readers and {Stalled} stalled clients in {elapsed.TotalSeconds:F1} s: RSS {Mib(warm)} warm, " +
            $"peak {Mib(peak)} (+{Mib(peak - warm)}, margin {Mib(MemoryMargin)}), {drops} dropped for the stalled clients");
        Assert.True(peak - warm <= MemoryMargin,
            $"server RSS grew by {Mib(peak - warm)} over {Mib(warm)} once warm, more than {Mib(MemoryMargin)}.{server.Diagnostics()}");
        // Each stalled client could hold at most its 2 MiB queue and what the kernel's socket buffers took: the rest is dropped.
        Assert.True(drops >= Stalled * (records - (2 * 1024 * 1024 + 32 * 1024 * 1024) / recordSize), $"{drops} drops of {Stalled} x {records} records");
        Assert.All(stalled, client => Assert.Equal(WebSocketState.Open, client.State));
        await CloseAllAsync(readers);
        stalled.ForEach(client => client.Dispose());
    }

    [Fact]
    public async Task Under_the_close_policy_the_client_that_never_reads_is_closed_with_1008_and_its_close_reaches_pipe_out()
    {
        const int records = 4000;
        const int recordSize = 16 * 1024;
        using var directory = new TempDirectory();
        var config = directory.File("close-policy.conf");
        // A close timeout long enough for the stalled client to come back and read its close frame on a loaded machine.
        await File.WriteAllTextAsync(config, "gwsocket.slow-clients.policy = close\ngwsocket.close-timeout = 60s\n");
        await using var server = await GwSocketProcess.StartAsync("--strict", $"--config={config}");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        using var stalled = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port));
        var stalledId = await pipeOut.NextOpenAsync(0);
        var readers = await ConnectReadersAsync(server, pipeOut, 1);
        await using var producer = new FileStream(server.PipeIn, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);

        var received = new long[Readers];
        var reading = readers.Select((reader, index) => ReadInOrderAsync(reader, records, recordSize, DelayLimit, count => Volatile.Write(ref received[index], count))).ToArray();
        await ProduceAsync(producer, 0, records, recordSize);
        await Task.WhenAll(reading);
        var metrics = await OpsHttp.ScrapeUntilAsync(server.Port, m => m.Value("gwsocket_slow_clients_closed_total") == 1, "one slow client closed");
        Assert.Equal(0, metrics.Value("gwsocket_drops_total", ("reason", "slow_client")));
        Assert.Equal(1, metrics.Value("gwsocket_slow_clients_found_total", ("policy", "close")));
        Assert.Equal(0, metrics.Value("gwsocket_slow_clients_found_total", ("policy", "drop")));

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
    private static async Task<List<ClientWebSocket>> ConnectReadersAsync(GwSocketProcess server, PipeOutConsumer pipeOut, int opensBefore)
    {
        var readers = new List<ClientWebSocket>();
        for (var i = 0; i < Readers; i++)
        {
            readers.Add(await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port)));
        }

        await pipeOut.WaitForRecordsAsync(all => all.Count(r => r.Type == StrictRecord.Open) >= opensBefore + Readers, $"{Readers} more opens");
        return readers;
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

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):F1} MiB";
}
