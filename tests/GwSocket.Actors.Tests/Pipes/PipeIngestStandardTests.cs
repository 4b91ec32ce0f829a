using Akka.Actor;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Pipes;

/// <summary>Standard mode through a real FIFO: each read becomes a text message for everyone.</summary>
public sealed class PipeIngestStandardTests(ITestOutputHelper output) : PipeTestKit(output)
{
    [Fact]
    public async Task Echo_a_then_echo_b_delivers_both()
    {
        var fifo = Fifos.CreateFifo("in.fifo");
        StartIngest(fifo);

        foreach (var line in new[] { "a\n", "b\n" })
        {
            await using (var writer = await FifoEnds.OpenWriterAsync(fifo, Patience))
            {
                writer.Write(System.Text.Encoding.UTF8.GetBytes(line));
            }
            Assert.Equal([0x81, 0x02, (byte)line[0], 0x0A], AssertBroadcast(await ExpectDeliveryAsync()).Frame);
        }
    }

    [Fact]
    public async Task Invalid_bytes_become_U_FFFD_and_are_counted()
    {
        var fifo = Fifos.CreateFifo("in.fifo");
        var ingest = StartIngest(fifo);

        await using (var writer = await FifoEnds.OpenWriterAsync(fifo, Patience))
        {
            writer.Write([(byte)'o', (byte)'k', 0xFF]);
        }

        Assert.Equal([0x81, 0x05, (byte)'o', (byte)'k', 0xEF, 0xBF, 0xBD], AssertBroadcast(await ExpectDeliveryAsync()).Frame);
        Assert.Equal(1, (await AskAsync<PipeIngestCounters>(ingest, GetPipeIngestCounters.Instance)).Replacements);
    }

    [Fact]
    public async Task Sequence_cut_by_the_end_of_a_writer_is_flushed_as_U_FFFD()
    {
        var fifo = Fifos.CreateFifo("in.fifo");
        StartIngest(fifo);

        await using (var writer = await FifoEnds.OpenWriterAsync(fifo, Patience))
        {
            writer.Write([(byte)'x', 0xE2, 0x82]);
        }

        Assert.Equal([0x81, 0x01, (byte)'x'], AssertBroadcast(await ExpectDeliveryAsync()).Frame);
        Assert.Equal([0x81, 0x03, 0xEF, 0xBF, 0xBD], AssertBroadcast(await ExpectDeliveryAsync()).Frame);
    }

    [Fact]
    public async Task Large_write_is_read_in_messages_of_at_most_4095_bytes()
    {
        var fifo = Fifos.CreateFifo("in.fifo");
        StartIngest(fifo);
        var text = new string('z', 10_000);

        await using (var writer = await FifoEnds.OpenWriterAsync(fifo, Patience))
        {
            writer.Write(System.Text.Encoding.ASCII.GetBytes(text));
        }

        var received = 0;
        while (received < text.Length)
        {
            var frame = AssertBroadcast(await ExpectDeliveryAsync()).Frame;
            var length = frame[1] == 126 ? frame[2] << 8 | frame[3] : frame[1];
            Assert.InRange(length, 1, PipeInSettings.StandardReadSize);
            received += length;
        }
        Assert.Equal(text.Length, received);
    }

    private IActorRef StartIngest(string fifo) =>
        PipeIngest.Create(Sys, PipeInSettings.Fifo(fifo, strict: false, maxPayload: 1024 * 1024), Router.Ref);
}
