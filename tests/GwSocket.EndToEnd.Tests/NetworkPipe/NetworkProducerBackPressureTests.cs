using System.Buffers.Binary;
using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.FlowControl;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;
using Xunit.Abstractions;

namespace GwSocket.EndToEnd.Tests.NetworkPipe;

/// <summary>
/// A network producer writing flat out is held back by one client alone that keeps its socket open but does not read:
/// the node stops reading the producer's socket while that client is behind (within slow-clients.max-delay), the
/// readers lose nothing, and the producer goes on once the client reads, or once it is declared slow.
/// </summary>
public sealed class NetworkProducerBackPressureTests(ITestOutputHelper output) : IDisposable
{
    private const int Readers = 5;
    private const int RecordSize = 1024;

    // 16 MB: more than the stalled client's socket buffers and queue hold.
    private const int Records = 16_000;

    private readonly PipeToken _token = new();

    public void Dispose() => _token.Dispose();

    [Fact]
    public async Task A_stalled_client_holds_the_network_producer_back_until_it_reads_and_then_every_reader_gets_everything()
    {
        // A delay limit longer than the test: the stalled client holds the producer back until it reads.
        await using var server = await GwSocketProcess.StartAsync("--strict", _token.Option, "--slow-clients-max-delay=120");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        await using var stalled = await RawWebSocket.UpgradeAsync(
            await RawConnection.OpenTcpWithSmallReceiveBufferAsync(server.Port, 4096), UpgradeRequest.Valid("/"));
        var readers = await ConnectReadersAsync(server, pipeOut);
        var received = new long[Readers];
        var reading = readers.Select((reader, index) => SequencedBroadcasts.ReadInOrderAsync(reader, Records, RecordSize, TimeSpan.FromSeconds(120),
            count => Volatile.Write(ref received[index], count))).ToArray();

        using var producer = await PipeSockets.ConnectAsync(server.Port, _token.Secret);
        var sent = 0L;
        var producing = ProduceAsync(producer, Records, count => Volatile.Write(ref sent, count));
        var held = await OpsHttp.ScrapeUntilAsync(server.Port,
            m => m.Value("gwsocket_flow_clients_behind") == 1 && m.Value("gwsocket_flow_held_back_seconds_total") >= 1,
            "the stalled client behind and the network producer held back for a second");
        var recordsIn = held.Value("gwsocket_pipe_in_records_total", ("source", "network"));
        Assert.False(producing.IsCompleted, $"the producer sent 16 MB past a client that does not read.{server.Diagnostics()}");
        Assert.True(recordsIn < Records, $"the node took all {Records} records from the producer's socket");
        Assert.Equal(0, held.Value("gwsocket_drops_total", ("reason", "slow_client")));
        output.WriteLine($"held back with {recordsIn} records taken from the producer's socket, {Volatile.Read(ref sent)} records sent into it");

        // The stalled client reads: the producer goes on, and everyone gets every record in order.
        var stalledReading = ReadInOrderAsync(stalled, Records);
        await producing;
        await Task.WhenAll(reading);
        await stalledReading;
        var after = await OpsHttp.ScrapeUntilAsync(server.Port, m => m.Value("gwsocket_pipe_in_records_total", ("source", "network")) == Records,
            $"all {Records} records counted in from the network");
        Assert.Equal(0, after.Value("gwsocket_slow_clients_found_total", ("policy", "drop")));
        Assert.Equal(0, after.Value("gwsocket_drops_total", ("reason", "slow_client")));
        await SequencedBroadcasts.CloseAllAsync(readers);
    }

    [Fact]
    public async Task A_client_that_never_reads_holds_the_network_producer_back_until_it_is_declared_slow_and_the_readers_lose_nothing()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict", _token.Option, "--slow-clients-max-delay=2");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        await using var stalled = await RawWebSocket.UpgradeAsync(
            await RawConnection.OpenTcpWithSmallReceiveBufferAsync(server.Port, 4096), UpgradeRequest.Valid("/"));
        var stalledId = await pipeOut.NextOpenAsync(0);
        var readers = await ConnectReadersAsync(server, pipeOut);
        var reading = readers.Select(reader => SequencedBroadcasts.ReadInOrderAsync(reader, Records, RecordSize, TimeSpan.FromSeconds(2), _ => { })).ToArray();

        using var producer = await PipeSockets.ConnectAsync(server.Port, _token.Secret);
        await ProduceAsync(producer, Records, _ => { });
        await Task.WhenAll(reading);

        var metrics = await OpsHttp.ScrapeUntilAsync(server.Port,
            m => m.Value("gwsocket_slow_clients_found_total", ("policy", "drop")) >= 1 && m.Value("gwsocket_drops_total", ("reason", "slow_client")) > 0,
            "the stalled client declared slow and its drops counted");
        Assert.True(metrics.Value("gwsocket_flow_held_back_seconds_total") >= 1, "the producer was never held back");
        Assert.Contains(server.StandardError.Lines, line => line.Contains($"client {stalledId} ", StringComparison.Ordinal) && line.Contains("longer than the delay limit", StringComparison.Ordinal));
        output.WriteLine($"held back {metrics.Value("gwsocket_flow_held_back_seconds_total"):F1} s; {metrics.Value("gwsocket_drops_total", ("reason", "slow_client"))} dropped for the stalled client");
        await SequencedBroadcasts.CloseAllAsync(readers);
    }

    private static async Task<List<ClientWebSocket>> ConnectReadersAsync(GwSocketProcess server, PipeOutConsumer pipeOut)
    {
        var readers = new List<ClientWebSocket>();
        for (var i = 0; i < Readers; i++)
        {
            readers.Add(await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port)));
        }

        await pipeOut.WaitForRecordsAsync(all => all.Count(r => r.Type == StrictRecord.Open) == 1 + Readers, $"{1 + Readers} opens");
        return readers;
    }

    /// <summary>Broadcasts numbered 0, 1, 2..., 64 records to a message, sent as fast as the socket takes them.</summary>
    private static async Task ProduceAsync(ClientWebSocket producer, int records, Action<long> progress)
    {
        const int PerMessage = 64;
        var recordLength = StrictRecord.HeaderSize + RecordSize;
        var message = new byte[PerMessage * recordLength];
        for (var sequence = 0; sequence < records;)
        {
            var count = Math.Min(PerMessage, records - sequence);
            for (var i = 0; i < count; i++)
            {
                var record = message.AsSpan(i * recordLength, recordLength);
                BinaryPrimitives.WriteUInt32BigEndian(record[4..], StrictRecord.Binary);
                BinaryPrimitives.WriteUInt32BigEndian(record[8..], RecordSize);
                BinaryPrimitives.WriteInt64BigEndian(record[StrictRecord.HeaderSize..], sequence + i);
            }

            await producer.SendAsync(message[..(count * recordLength)]);
            sequence += count;
            progress(sequence);
        }
    }

    private static async Task ReadInOrderAsync(RawWebSocket client, int records)
    {
        for (long expected = 0; expected < records; expected++)
        {
            var (_, payload) = await client.ReceiveMessageAsync();
            Assert.Equal(expected, BinaryPrimitives.ReadInt64BigEndian(payload));
        }
    }
}
