using System.Collections.Concurrent;
using Akka.Event;
using GwSocket.Actors.Pipes;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Pipes;

/// <summary>A pipe-out writer that dies of an unexpected error says so: in its counters (readiness reads them) and in the log, with the stack.</summary>
public sealed class PipeOutWriterFailureTests(ITestOutputHelper output) : PipeTestKit(output)
{
    [Fact]
    public async Task A_writer_that_fails_reports_why_in_its_counters_and_logs_the_stack()
    {
        var fifo = Fifos.CreateFifo("out.fifo");
        var log = new FailingOnInfoLog();
        var writer = new PipeOutWriter(new PipeOutQueue(1024), PipeOutTarget.ForFifo(fifo), TimeSpan.FromMilliseconds(20), ClientMessageGate.Get(Sys), log);
        Assert.Null(writer.Counters.WriterFailure);

        writer.Start();
        // The writer logs at info when a reader opens the FIFO: there it meets the injected fault.
        await using var reader = await FifoEnds.OpenReaderAsync(fifo, Patience);
        await AwaitConditionAsync(() => Task.FromResult(writer.Counters.WriterFailure is not null), Patience);

        Assert.Equal("InvalidOperationException: injected fault", writer.Counters.WriterFailure);
        var error = Assert.Single(log.Errors);
        Assert.Contains("pipe-out: the writer stopped", error);
        Assert.Contains($"{nameof(FailingOnInfoLog)}.NotifyLog", error); // a frame of the stack
        writer.Stop(TimeSpan.Zero);
    }

    /// <summary>A logging adapter whose info lines throw, as a bug would anywhere in the writer's loop; keeps its error lines.</summary>
    private sealed class FailingOnInfoLog() : LoggingAdapterBase(DefaultLogMessageFormatter.Instance)
    {
        public ConcurrentQueue<string> Errors { get; } = new();

        public override bool IsDebugEnabled => true;

        public override bool IsInfoEnabled => true;

        public override bool IsWarningEnabled => true;

        public override bool IsErrorEnabled => true;

        protected override void NotifyLog(LogLevel logLevel, object message, Exception? cause)
        {
            if (logLevel == LogLevel.InfoLevel)
                throw new InvalidOperationException("injected fault");
            if (logLevel == LogLevel.ErrorLevel)
                Errors.Enqueue(message.ToString()!);
        }
    }
}
