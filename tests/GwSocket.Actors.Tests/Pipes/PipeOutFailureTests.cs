using Akka.Actor;
using Akka.Event;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Pipes;

/// <summary>
/// A pipe-out actor that throws loses the event it was handling and nothing else: no close for a client still
/// connected, its next messages still written, the stack in the log.
/// </summary>
public sealed class PipeOutFailureTests(ITestOutputHelper output) : PipeTestKit(output)
{
    [Fact]
    public async Task A_pipe_out_that_throws_keeps_writing_for_the_clients_it_knew()
    {
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));
        var fifo = Fifos.CreateFifo("out.fifo");
        var pipeOut = PipeOut.Create(Sys, PipeOutSettings.Fifo(fifo, strict: true), Router.Ref);
        await using var reader = await FifoEnds.OpenReaderAsync(fifo, Patience);
        pipeOut.Tell(new ClientOpened(1, "10.0.0.1"));
        pipeOut.Tell(new ClientMessage(1, Opcode.Text, "before"u8.ToArray()));

        // A client without an address cannot come from the router: here it stands for any bug in the actor's handlers.
        pipeOut.Tell(new ClientOpened(2, null!));
        var error = await errors.ExpectMsgAsync<Error>(Patience);
        Assert.Contains(nameof(PipeOut), error.Cause.StackTrace);
        pipeOut.Tell(new ClientMessage(1, Opcode.Text, "after"u8.ToArray()));
        pipeOut.Tell(new ClientClosed(1));

        byte[] expected =
        [
            0, 0, 0, 1, 0, 0, 0, 0x10, 0, 0, 0, 46, .. "10.0.0.1"u8, .. new byte[38],
            0, 0, 0, 1, 0, 0, 0, 0x01, 0, 0, 0, 6, .. "before"u8,
            0, 0, 0, 1, 0, 0, 0, 0x01, 0, 0, 0, 5, .. "after"u8,
            0, 0, 0, 1, 0, 0, 0, 0x08, 0, 0, 0, 0,
        ];
        Assert.Equal(expected, await FifoEnds.ReadExactlyAsync(reader, expected.Length, Patience));
    }
}
