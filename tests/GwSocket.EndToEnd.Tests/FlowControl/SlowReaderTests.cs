using System.Diagnostics;
using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;
using Xunit.Abstractions;
using static GwSocket.EndToEnd.Tests.FlowControl.SequencedBroadcasts;

namespace GwSocket.EndToEnd.Tests.FlowControl;

/// <summary>
/// A client that keeps reading, but at 200 KB/s, among fast readers, and a producer writing flat out: the slow one
/// holds the producer back for at most the delay limit, then the slow-client policy applies to it alone, and the
/// fast readers lose nothing.
/// </summary>
public sealed class SlowReaderTests(ITestOutputHelper output)
{
    private const int FastReaders = 20;
    private const int RecordSize = 1024;
    private const int Records = 10_000;
    private const int SlowBytesPerSecond = 200_000;

    /// <summary>slow-clients.max-delay, the default.</summary>
    private static readonly TimeSpan DelayLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_client_reading_200_KB_per_second_holds_the_producer_back_for_at_most_the_delay_limit_then_alone_gets_the_policy_while_fast_readers_lose_nothing()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        // A small receive buffer, so that the slow reader's pace shows in its queue rather than in the kernel's buffers.
        await using var slow = await RawWebSocket.UpgradeAsync(
            await RawConnection.OpenTcpWithSmallReceiveBufferAsync(server.Port, 16 * 1024), UpgradeRequest.Valid("/"));
        var slowId = await pipeOut.NextOpenAsync(0);
        var fast = new List<ClientWebSocket>();
        for (var i = 0; i < FastReaders; i++)
        {
            fast.Add(await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port)));
        }

        await pipeOut.WaitForRecordsAsync(all => all.Count(r => r.Type == StrictRecord.Open) == 1 + FastReaders, $"{1 + FastReaders} opens");

        using var stopSlow = new CancellationTokenSource();
        var slowRead = 0L;
        var slowReading = ReadAtAsync(slow, SlowBytesPerSecond, () => Interlocked.Increment(ref slowRead), stopSlow.Token);
        var received = new long[FastReaders];
        var reading = fast.Select((reader, index) => ReadInOrderAsync(reader, Records, RecordSize, DelayLimit, count => Volatile.Write(ref received[index], count))).ToArray();
        var clock = Stopwatch.StartNew();
        await using (var producer = new FileStream(server.PipeIn, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0))
        {
            await ProduceAsync(producer, 0, Records, RecordSize);
        }

        var produced = clock.Elapsed;
        await Task.WhenAll(reading);
        List<string> Warnings() => server.StandardError.Lines.Where(line => line.Contains("dropping its messages", StringComparison.Ordinal)).ToList();
        var metrics = await OpsHttp.ScrapeUntilAsync(server.Port,
            m => Warnings().Count is var found && found >= 1 && m.Value("gwsocket_slow_clients_found_total", ("policy", "drop")) == found
                && m.Value("gwsocket_drops_total", ("reason", "slow_client")) > 0,
            "the slow reader found slow, counted once per warning, and its drops counted");
        stopSlow.Cancel();
        await slowReading;

        // Paced to the slow reader, the producer would have taken this long.
        var pacedToTheSlowReader = TimeSpan.FromSeconds((double)Records * RecordSize / SlowBytesPerSecond);
        var heldBack = metrics.Value("gwsocket_flow_held_back_seconds_total");
        output.WriteLine($"{Records} records of {RecordSize} B written in {produced.TotalSeconds:F1} s (paced to the slow reader: {pacedToTheSlowReader.TotalSeconds:F0} s); " +
            $"held back {heldBack:F1} s; the slow reader read {Interlocked.Read(ref slowRead)}, {metrics.Value("gwsocket_drops_total", ("reason", "slow_client"))} dropped for it");
        Assert.True(produced < pacedToTheSlowReader / 2, $"the producer took {produced.TotalSeconds:F1} s: it was paced to the slow reader.{server.Diagnostics()}");
        Assert.True(heldBack > 0, "pipe-in was never held back");
        // The policy applied to the slow reader alone (once per time it fell behind), for waiting longer than the delay limit.
        var warnings = Warnings();
        Assert.True(warnings.Count >= 1 && warnings.All(line => line.Contains($"client {slowId} ", StringComparison.Ordinal)
            && line.Contains("longer than the delay limit", StringComparison.Ordinal)), string.Join(Environment.NewLine, warnings));
        Assert.Equal(warnings.Count, metrics.Value("gwsocket_slow_clients_found_total", ("policy", "drop")));
        Assert.Equal(0, metrics.Value("gwsocket_slow_clients_found_total", ("policy", "close")));
        Assert.True(Interlocked.Read(ref slowRead) < Records, "the slow reader got every record: it was never held to the policy");

        await CloseAllAsync(fast);
    }

    /// <summary>Reads whole messages at no more than <paramref name="bytesPerSecond"/> until stopped.</summary>
    private static async Task ReadAtAsync(RawWebSocket client, int bytesPerSecond, Action onMessage, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        long bytes = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var due = TimeSpan.FromSeconds((double)bytes / bytesPerSecond) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, stop);
                }

                var (_, payload) = await client.ReceiveMessageAsync().WaitAsync(stop);
                bytes += payload.Length;
                onMessage();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (TimeoutException)
        {
            // Nothing more came for a while: it has read everything it was sent.
        }
    }
}
