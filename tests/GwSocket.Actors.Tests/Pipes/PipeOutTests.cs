using Akka.Actor;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Pipes;

/// <summary>Pipe-out through a real FIFO: exact records for a reader, bounded keeping without one, whole records across readers.</summary>
public sealed class PipeOutTests(ITestOutputHelper output) : PipeTestKit(output)
{
    private static readonly TimeSpan QuickRetry = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Strict_events_produce_gwsocket_records_byte_for_byte()
    {
        var fifo = Fifos.CreateFifo("out.fifo");
        var pipeOut = await StartPipeOutAsync(PipeOutSettings.Fifo(fifo, strict: true));
        await using var reader = await FifoEnds.OpenReaderAsync(fifo, Patience);

        pipeOut.Tell(new ClientOpened(1, "10.0.0.1"));
        pipeOut.Tell(new ClientMessage(1, Opcode.Text, "hi"u8.ToArray()));
        pipeOut.Tell(new ClientMessage(1, Opcode.Binary, [0xFE]));
        pipeOut.Tell(new ClientClosed(1));

        byte[] expected =
        [
            0, 0, 0, 1, 0, 0, 0, 0x10, 0, 0, 0, 46, .. "10.0.0.1"u8, .. new byte[38], // open, IP NUL-padded to 46
            0, 0, 0, 1, 0, 0, 0, 0x01, 0, 0, 0, 2, .. "hi"u8, // text message
            0, 0, 0, 1, 0, 0, 0, 0x02, 0, 0, 0, 1, 0xFE, // binary message
            0, 0, 0, 1, 0, 0, 0, 0x08, 0, 0, 0, 0, // close
        ];
        Assert.Equal(expected, await FifoEnds.ReadExactlyAsync(reader, expected.Length, Patience));
    }

    [Fact]
    public async Task Standard_mode_writes_only_the_raw_payloads()
    {
        var fifo = Fifos.CreateFifo("out.fifo");
        var pipeOut = await StartPipeOutAsync(PipeOutSettings.Fifo(fifo, strict: false));
        await using var reader = await FifoEnds.OpenReaderAsync(fifo, Patience);

        pipeOut.Tell(new ClientOpened(1, "10.0.0.1"));
        pipeOut.Tell(new ClientMessage(1, Opcode.Text, "one\n"u8.ToArray()));
        pipeOut.Tell(new ClientMessage(1, Opcode.Binary, [0x00, 0x01]));
        pipeOut.Tell(new ClientClosed(1));
        pipeOut.Tell(PoisonPill.Instance);

        Assert.Equal([.. "one\n"u8, 0x00, 0x01], await FifoEnds.ReadToEndAsync(reader, Patience));
    }

    [Fact]
    public async Task Without_a_reader_records_are_kept_up_to_the_bound_then_dropped_and_counted_and_closes_always_kept()
    {
        var fifo = Fifos.CreateFifo("out.fifo");
        var pipeOut = await StartPipeOutAsync(PipeOutSettings.Fifo(fifo, strict: true) with { MaxQueuedBytes = 130, ReaderRetryInterval = QuickRetry });

        await EventFilter.Warning(contains: "dropped").ExpectOneAsync(Patience, async () =>
        {
            pipeOut.Tell(new ClientOpened(1, "192.0.2.1")); // 58 bytes, queued
            pipeOut.Tell(new ClientOpened(2, "192.0.2.2")); // 58 bytes, queued: 116
            pipeOut.Tell(new ClientMessage(1, Opcode.Text, "hello"u8.ToArray())); // 17 bytes: over 130, dropped
            pipeOut.Tell(new ClientOpened(3, "192.0.2.3")); // dropped
            pipeOut.Tell(new ClientMessage(3, Opcode.Text, "x"u8.ToArray())); // its client's open was dropped
            pipeOut.Tell(new ClientClosed(3)); // nothing: no open was written for it
            pipeOut.Tell(new ClientClosed(1)); // 12 bytes: kept, its open was queued
            await AwaitConditionAsync(async () => (await Counters(pipeOut)).QueuedBytes == 128, Patience);
        });

        var counters = await Counters(pipeOut);
        Assert.Equal(3, counters.RecordsDropped);
        Assert.Equal(17 + 58 + 13, counters.BytesDropped);

        await using var reader = await FifoEnds.OpenReaderAsync(fifo, Patience);
        byte[] expected = [.. OpenRecord(1, "192.0.2.1"), .. OpenRecord(2, "192.0.2.2"), 0, 0, 0, 1, 0, 0, 0, 0x08, 0, 0, 0, 0];
        Assert.Equal(expected, await FifoEnds.ReadExactlyAsync(reader, expected.Length, Patience));
        await AwaitConditionAsync(async () => (await Counters(pipeOut)).RecordsWritten == 3, Patience);
    }

    [Fact]
    public async Task Reader_that_leaves_mid_record_and_a_new_reader_gets_the_next_whole_record()
    {
        var fifo = Fifos.CreateFifo("out.fifo");
        var pipeOut = await StartPipeOutAsync(PipeOutSettings.Fifo(fifo, strict: true) with { ReaderRetryInterval = QuickRetry });
        // Far more than a pipe holds, so the writer is still in the middle of it when the reader leaves.
        var big = Enumerable.Range(0, 1 << 20).Select(i => (byte)i).ToArray();

        await using (var first = await FifoEnds.OpenReaderAsync(fifo, Patience))
        {
            pipeOut.Tell(new ClientOpened(1, "192.0.2.1"));
            pipeOut.Tell(new ClientMessage(1, Opcode.Binary, big));
            Assert.Equal(OpenRecord(1, "192.0.2.1"), await FifoEnds.ReadExactlyAsync(first, 58, Patience));
            await FifoEnds.ReadExactlyAsync(first, 1000, Patience);
        }
        await AwaitConditionAsync(async () => await Counters(pipeOut) is { RecordsCut: 1, ReaderConnected: false }, Patience);

        pipeOut.Tell(new ClientMessage(1, Opcode.Text, "next"u8.ToArray()));
        await using var second = await FifoEnds.OpenReaderAsync(fifo, Patience);

        Assert.Equal([0, 0, 0, 1, 0, 0, 0, 0x01, 0, 0, 0, 4, .. "next"u8], await FifoEnds.ReadExactlyAsync(second, 16, Patience));
    }

    [Fact]
    public async Task Reader_that_leaves_between_records_lets_the_next_reader_start_at_the_next_record()
    {
        var fifo = Fifos.CreateFifo("out.fifo");
        var pipeOut = await StartPipeOutAsync(PipeOutSettings.Fifo(fifo, strict: true) with { ReaderRetryInterval = QuickRetry });

        await using (var first = await FifoEnds.OpenReaderAsync(fifo, Patience))
        {
            pipeOut.Tell(new ClientOpened(9, "::1"));
            Assert.Equal(OpenRecord(9, "::1"), await FifoEnds.ReadExactlyAsync(first, 58, Patience));
        }
        await AwaitConditionAsync(async () => !(await Counters(pipeOut)).ReaderConnected, Patience);

        pipeOut.Tell(new ClientClosed(9));
        await using var second = await FifoEnds.OpenReaderAsync(fifo, Patience);

        Assert.Equal([0, 0, 0, 9, 0, 0, 0, 0x08, 0, 0, 0, 0], await FifoEnds.ReadExactlyAsync(second, 12, Patience));
    }

    [Fact]
    public async Task Stopping_writes_a_close_for_every_client_still_open()
    {
        var fifo = Fifos.CreateFifo("out.fifo");
        var pipeOut = await StartPipeOutAsync(PipeOutSettings.Fifo(fifo, strict: true));
        await using var reader = await FifoEnds.OpenReaderAsync(fifo, Patience);
        pipeOut.Tell(new ClientOpened(4, "192.0.2.4"));
        pipeOut.Tell(new ClientOpened(5, "192.0.2.5"));
        pipeOut.Tell(new ClientClosed(4));

        pipeOut.Tell(PoisonPill.Instance);

        byte[] expected = [.. OpenRecord(4, "192.0.2.4"), .. OpenRecord(5, "192.0.2.5"), 0, 0, 0, 4, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 8, 0, 0, 0, 0];
        Assert.Equal(expected, await FifoEnds.ReadToEndAsync(reader, Patience));
    }

    private async Task<IActorRef> StartPipeOutAsync(PipeOutSettings settings)
    {
        var pipeOut = PipeOut.Create(Sys, settings, Router.Ref);
        var subscribe = await Router.ExpectMsgAsync<SubscribeClientEvents>(Patience);
        Assert.Equal(pipeOut, subscribe.Subscriber);
        return pipeOut;
    }

    private Task<PipeOutCounters> Counters(IActorRef pipeOut) => AskAsync<PipeOutCounters>(pipeOut, GetPipeOutCounters.Instance);

    private static byte[] OpenRecord(uint clientId, string ip)
    {
        var record = new byte[58];
        record[3] = (byte)clientId;
        record[7] = 0x10;
        record[11] = 46;
        System.Text.Encoding.ASCII.GetBytes(ip).CopyTo(record, 12);
        return record;
    }
}
