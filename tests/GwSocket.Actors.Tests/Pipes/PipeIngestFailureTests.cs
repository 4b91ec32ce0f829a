using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using GwSocket.Actors.Pipes;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Pipes;

/// <summary>A pipe-in actor that throws is restarted: it reads the pipe again, keeps its counters, and the log has the stack.</summary>
public sealed class PipeIngestFailureTests(ITestOutputHelper output) : PipeTestKit(output)
{
    [Fact]
    public async Task A_pipe_in_that_throws_reads_again_and_keeps_its_counters()
    {
        var log = CreateTestProbe();
        Sys.EventStream.Subscribe(log.Ref, typeof(Error));
        Sys.EventStream.Subscribe(log.Ref, typeof(Info));
        var fifo = Fifos.CreateFifo("in.fifo");
        var ingest = PipeIngest.Create(Sys, PipeInSettings.Fifo(fifo, strict: false, maxPayload: 1024), Router.Ref);
        // One writer throughout: what it writes waits in the FIFO while the reader is replaced.
        await using var writer = await FifoEnds.OpenWriterAsync(fifo, Patience);
        await ExpectWriterOpenedAsync(log);
        writer.Write("a\n"u8);
        writer.Flush();
        Assert.Equal([0x81, 0x02, (byte)'a', 0x0A], AssertBroadcast(await ExpectDeliveryAsync()).Frame);

        // A failure without a cause cannot come from the stream: here it stands for any bug in the actor's handlers.
        ingest.Tell(new PipeInStreamFailed(Generation: 1, Cause: null!));

        var error = (Error)await log.FishForMessageAsync(message => message is Error, Patience);
        Assert.Contains(nameof(PipeIngest), Assert.IsType<NullReferenceException>(error.Cause).StackTrace);
        // The new incarnation's reader has opened the FIFO: the failed one's has let go of it.
        await ExpectWriterOpenedAsync(log);
        writer.Write("b\n"u8);
        writer.Flush();
        Assert.Equal([0x81, 0x02, (byte)'b', 0x0A], AssertBroadcast(await ExpectDeliveryAsync()).Frame);
        Assert.Equal(2, (await AskAsync<PipeIngestCounters>(ingest, GetPipeIngestCounters.Instance)).RecordsIn);
    }

    private static ValueTask<object> ExpectWriterOpenedAsync(TestProbe log) =>
        log.FishForMessageAsync(message => message is Info info && info.Message.ToString()!.Contains("a writer opened"), Patience);
}
