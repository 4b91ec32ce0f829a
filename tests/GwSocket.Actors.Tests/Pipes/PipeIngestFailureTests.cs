using Akka.Actor;
using Akka.Event;
using GwSocket.Actors.Pipes;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Pipes;

/// <summary>A pipe-in actor that throws is restarted: it reads the pipe again, keeps its counters, and the log has the stack.</summary>
public sealed class PipeIngestFailureTests(ITestOutputHelper output) : PipeTestKit(output)
{
    [Fact]
    public async Task A_pipe_in_that_throws_reads_again_and_keeps_its_counters()
    {
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));
        var fifo = Fifos.CreateFifo("in.fifo");
        var ingest = PipeIngest.Create(Sys, PipeInSettings.Fifo(fifo, strict: false, maxPayload: 1024), Router.Ref);
        await WriteAsync(fifo, "a\n");
        Assert.Equal([0x81, 0x02, (byte)'a', 0x0A], AssertBroadcast(await ExpectDeliveryAsync()).Frame);

        // A failure without a cause cannot come from the stream: here it stands for any bug in the actor's handlers.
        ingest.Tell(new PipeInStreamFailed(Generation: 1, Cause: null!));

        var error = await errors.ExpectMsgAsync<Error>(Patience);
        Assert.Contains(nameof(PipeIngest), Assert.IsType<NullReferenceException>(error.Cause).StackTrace);
        await WriteAsync(fifo, "b\n");
        Assert.Equal([0x81, 0x02, (byte)'b', 0x0A], AssertBroadcast(await ExpectDeliveryAsync()).Frame);
        Assert.Equal(2, (await AskAsync<PipeIngestCounters>(ingest, GetPipeIngestCounters.Instance)).RecordsIn);
    }

    private async Task WriteAsync(string fifo, string text)
    {
        await using var writer = await FifoEnds.OpenWriterAsync(fifo, Patience);
        writer.Write(System.Text.Encoding.UTF8.GetBytes(text));
    }
}
