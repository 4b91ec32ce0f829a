using Akka.Actor;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Pipes;

/// <summary>Strict mode through a real FIFO: records written by producers arrive at the router as encoded frames.</summary>
public sealed class PipeIngestStrictTests(ITestOutputHelper output) : PipeTestKit(output)
{
    private const int MaxPayload = 1024 * 1024;

    [Fact]
    public async Task Records_arrive_as_broadcasts_and_unicasts_with_the_exact_frame_bytes()
    {
        var fifo = Fifos.CreateFifo("in.fifo");
        StartIngest(fifo);

        await using (var writer = await FifoEnds.OpenWriterAsync(fifo, Patience))
        {
            writer.Write(StrictRecords.Concat(StrictRecords.Text(0, "hello"), StrictRecords.Binary(7, [0x00, 0xFF])));
        }

        var broadcast = AssertBroadcast(await ExpectDeliveryAsync());
        Assert.Equal([0x81, 0x05, .. "hello"u8], broadcast.Frame); // FIN:1 op:text LEN:5
        var unicast = AssertUnicast(await ExpectDeliveryAsync());
        Assert.Equal(7u, unicast.ClientId);
        Assert.Equal([0x82, 0x02, 0x00, 0xFF], unicast.Frame); // FIN:1 op:binary LEN:2
    }

    [Fact]
    public async Task Records_written_one_byte_per_write_arrive_whole()
    {
        var fifo = Fifos.CreateFifo("in.fifo");
        StartIngest(fifo);
        var payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();

        await using (var writer = await FifoEnds.OpenWriterAsync(fifo, Patience))
        {
            foreach (var b in StrictRecords.Concat(StrictRecords.Binary(3, payload), StrictRecords.Text(0, "end")))
                writer.Write([b]);
        }

        var unicast = AssertUnicast(await ExpectDeliveryAsync());
        Assert.Equal(FrameEncoder.Encode(Opcode.Binary, payload), unicast.Frame);
        Assert.Equal(FrameEncoder.Encode(Opcode.Text, "end"u8), AssertBroadcast(await ExpectDeliveryAsync()).Frame);
    }

    [Fact]
    public async Task A_thousand_records_in_one_write_all_arrive_in_order()
    {
        var fifo = Fifos.CreateFifo("in.fifo");
        var ingest = StartIngest(fifo);
        var records = Enumerable.Range(1, 1000).Select(i => StrictRecords.Text((uint)(i % 3), $"record {i}")).ToArray();

        await using (var writer = await FifoEnds.OpenWriterAsync(fifo, Patience))
        {
            writer.Write(StrictRecords.Concat(records));
        }

        for (var i = 1; i <= 1000; i++)
        {
            var frame = FrameEncoder.Encode(Opcode.Text, System.Text.Encoding.UTF8.GetBytes($"record {i}"));
            var delivery = await ExpectDeliveryAsync();
            if (i % 3 == 0)
                Assert.Equal(frame, AssertBroadcast(delivery).Frame);
            else
                Assert.Equal((uint)(i % 3), AssertUnicast(delivery).ClientId);
        }
        var counters = await AskAsync<PipeIngestCounters>(ingest, GetPipeIngestCounters.Instance);
        Assert.Equal(1000, counters.RecordsIn);
        Assert.Equal(records.Sum(r => r.Length), counters.BytesIn);
    }

    [Fact]
    public async Task Writers_one_after_another_are_all_read()
    {
        var fifo = Fifos.CreateFifo("in.fifo");
        StartIngest(fifo);

        foreach (var text in new[] { "first", "second", "third" })
        {
            await using (var writer = await FifoEnds.OpenWriterAsync(fifo, Patience))
            {
                writer.Write(StrictRecords.Text(0, text));
            }
            Assert.Equal(FrameEncoder.Encode(Opcode.Text, System.Text.Encoding.UTF8.GetBytes(text)), AssertBroadcast(await ExpectDeliveryAsync()).Frame);
            // The reader has seen the end of this writer and waits to open the pipe again.
            await AwaitConditionAsync(() => Task.FromResult(!FifoDirectory.IsOpenInThisProcess(fifo)), Patience);
        }
    }

    [Fact]
    public async Task Writer_that_dies_mid_record_loses_only_that_record_and_the_next_writer_starts_clean()
    {
        var fifo = Fifos.CreateFifo("in.fifo");
        var ingest = StartIngest(fifo);
        var cut = StrictRecords.Text(0, "this record is cut short");

        await using (var writer = await FifoEnds.OpenWriterAsync(fifo, Patience))
        {
            writer.Write(StrictRecords.Concat(StrictRecords.Text(0, "whole"), cut[..20]));
        }
        AssertBroadcast(await ExpectDeliveryAsync());
        await AwaitConditionAsync(async () => (await AskAsync<PipeIngestCounters>(ingest, GetPipeIngestCounters.Instance)).PartialRecordsDiscarded == 1, Patience);

        await using (var writer = await FifoEnds.OpenWriterAsync(fifo, Patience))
        {
            writer.Write(StrictRecords.Text(5, "next"));
        }

        var unicast = AssertUnicast(await ExpectDeliveryAsync());
        Assert.Equal(5u, unicast.ClientId);
        Assert.Equal(FrameEncoder.Encode(Opcode.Text, "next"u8), unicast.Frame);
    }

    [Fact]
    public async Task Bad_header_is_logged_with_its_bytes_and_later_records_from_a_new_writer_arrive()
    {
        var fifo = Fifos.CreateFifo("in.fifo");
        var ingest = StartIngest(fifo);
        byte[] badHeader = [0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x01];

        await EventFilter.Error(contains: "000000010000000700000001").ExpectOneAsync(Patience, async () =>
        {
            await using var writer = await FifoEnds.OpenWriterAsync(fifo, Patience);
            writer.Write(StrictRecords.Concat(StrictRecords.Text(0, "before"), badHeader, [0x41], StrictRecords.Text(0, "after, same writer")));
        });
        Assert.Equal(FrameEncoder.Encode(Opcode.Text, "before"u8), AssertBroadcast(await ExpectDeliveryAsync()).Frame);
        // The rejected writer's pipe is closed before the next one opens it.
        await AwaitConditionAsync(() => Task.FromResult(!FifoDirectory.IsOpenInThisProcess(fifo)), Patience);

        await using (var writer = await FifoEnds.OpenWriterAsync(fifo, Patience))
        {
            writer.Write(StrictRecords.Text(0, "new writer"));
        }

        Assert.Equal(FrameEncoder.Encode(Opcode.Text, "new writer"u8), AssertBroadcast(await ExpectDeliveryAsync()).Frame);
        var counters = await AskAsync<PipeIngestCounters>(ingest, GetPipeIngestCounters.Instance);
        Assert.Equal(1, counters.DecodeErrors);
        Assert.Equal(2, counters.RecordsIn);
    }

    [Fact]
    public async Task Length_above_the_limit_is_rejected_without_stopping_the_stream()
    {
        var fifo = Fifos.CreateFifo("in.fifo");
        var ingest = StartIngest(fifo, maxPayload: 16);

        await using (var writer = await FifoEnds.OpenWriterAsync(fifo, Patience))
        {
            writer.Write(StrictRecords.Text(0, "seventeen bytes!!"));
        }
        await AwaitConditionAsync(async () => (await AskAsync<PipeIngestCounters>(ingest, GetPipeIngestCounters.Instance)).DecodeErrors == 1, Patience);
        await AwaitConditionAsync(() => Task.FromResult(!FifoDirectory.IsOpenInThisProcess(fifo)), Patience);

        await using (var writer = await FifoEnds.OpenWriterAsync(fifo, Patience))
        {
            writer.Write(StrictRecords.Text(0, "sixteen bytes!!!"));
        }

        AssertBroadcast(await ExpectDeliveryAsync());
        Assert.Equal(0, (await AskAsync<PipeIngestCounters>(ingest, GetPipeIngestCounters.Instance)).StreamRestarts);
    }

    private IActorRef StartIngest(string fifo, int maxPayload = MaxPayload) =>
        PipeIngest.Create(Sys, PipeInSettings.Fifo(fifo, strict: true, maxPayload), Router.Ref);
}
