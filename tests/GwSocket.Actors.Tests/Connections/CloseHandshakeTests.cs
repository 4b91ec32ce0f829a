using Akka.Actor;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Tests.Transport;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Connections;

/// <summary>RFC 6455 section 7: who closes first, what is echoed, when the connection is over.</summary>
public sealed class CloseHandshakeTests(ITestOutputHelper output) : ConnectionActorTestKit(output)
{
    [Fact]
    public async Task Client_close_1000_is_answered_with_close_1000_and_the_connection_ends()
    {
        var connection = await ConnectAsync(Quiet);

        await connection.SendAsync(ClientFrames.Close(CloseCodes.NormalClosure, "bye"));

        var reply = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(Opcode.Close, reply.Opcode);
        Assert.Equal(CloseCodes.NormalClosure, reply.CloseCode);
        await ExpectFinishedAsync(connection);
    }

    [Theory]
    [InlineData(1001)]
    [InlineData(3000)]
    [InlineData(4999)]
    public async Task Client_close_code_is_echoed(int code)
    {
        var connection = await ConnectAsync(Quiet);

        await connection.SendAsync(ClientFrames.Close((ushort)code));

        var reply = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(Opcode.Close, reply.Opcode);
        Assert.Equal((ushort)code, reply.CloseCode);
        await ExpectFinishedAsync(connection);
    }

    [Fact]
    public async Task Client_close_without_status_is_answered_with_close_without_status()
    {
        var connection = await ConnectAsync(Quiet);

        await connection.SendAsync(ClientFrames.CloseWithoutStatus());

        var reply = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(Opcode.Close, reply.Opcode);
        Assert.Empty(reply.Payload);
        await ExpectFinishedAsync(connection);
    }

    [Fact]
    public async Task Server_close_sends_its_code_and_ends_when_the_client_answers()
    {
        var connection = await ConnectAsync(Quiet);

        connection.Actor.Tell(new CloseConnection(CloseCodes.GoingAway, "shutting down"));

        var close = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(Opcode.Close, close.Opcode);
        Assert.Equal(CloseCodes.GoingAway, close.CloseCode);
        Assert.Equal("shutting down", System.Text.Encoding.UTF8.GetString(close.Payload.AsSpan(2)));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.False(connection.Completed.Task.IsCompleted, "the connection must wait for the client's close frame");

        await connection.SendAsync(ClientFrames.Close(CloseCodes.GoingAway));

        await ExpectFinishedAsync(connection);
    }

    [Fact]
    public async Task Server_close_ends_after_the_close_timeout_when_the_client_never_answers()
    {
        var connection = await ConnectAsync(Quiet with { CloseTimeout = TimeSpan.FromMilliseconds(300) });

        connection.Actor.Tell(new CloseConnection(CloseCodes.GoingAway, ""));

        var close = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(CloseCodes.GoingAway, close.CloseCode);
        await ExpectFinishedAsync(connection);
    }

    [Fact]
    public async Task Nothing_is_sent_after_the_close_frame()
    {
        var connection = await ConnectAsync(Quiet);

        connection.Actor.Tell(new CloseConnection(CloseCodes.GoingAway, ""));
        connection.Actor.Tell(new SendFrames([FrameEncoder.Encode(Opcode.Text, "too late"u8)]));
        connection.Actor.Tell(new CloseConnection(CloseCodes.NormalClosure, "second close"));
        await DrainMailboxAsync(connection.Actor);
        // One read: a ping the server must not answer any more, then the client's close.
        await connection.SendAsync([.. ClientFrames.Ping("still there?"), .. ClientFrames.Close(CloseCodes.GoingAway)]);
        await ExpectFinishedAsync(connection);

        var written = connection.Transport.Writes.SelectMany(write => write).ToArray();
        var frame = Assert.Single(ServerFrame.ParseAll(written));
        Assert.Equal(Opcode.Close, frame.Opcode);
        Assert.Equal(CloseCodes.GoingAway, frame.CloseCode);
    }

    [Fact]
    public async Task Crossing_close_frames_end_the_connection_only_once_the_servers_close_is_written()
    {
        var transport = new InMemoryTransport();
        var connection = await ConnectAsync(Quiet, transport);
        transport.HoldWrites();

        connection.Actor.Tell(new CloseConnection(CloseCodes.GoingAway, ""));
        await AwaitAssertAsync(() => Assert.Single(transport.Writes), Patience);
        await connection.SendAsync(ClientFrames.Close(CloseCodes.GoingAway));
        await AwaitAssertAsync(() => Assert.Equal(1, transport.CompletedReads), Patience);
        await DrainMailboxAsync(connection.Actor);

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.False(connection.Completed.Task.IsCompleted, "closing the socket now would cut the server's close frame");

        transport.ReleaseWrites();
        var close = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(CloseCodes.GoingAway, close.CloseCode);
        await ExpectFinishedAsync(connection);
    }

    [Fact]
    public async Task Client_end_of_stream_ends_the_connection()
    {
        var connection = await ConnectAsync(Quiet);

        connection.Transport.SendEndOfStream();

        await ExpectFinishedAsync(connection);
        Assert.Empty(connection.Transport.Writes);
    }

    [Fact]
    public async Task Close_requested_before_registration_is_carried_out_once_registered()
    {
        var transport = new InMemoryTransport();
        var router = CreateTestProbe();
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(ConnectionActor.Props(transport.Input, ConnectionOutput.Into(transport.Output), new ClientEndpoint("192.0.2.7", 1), Quiet, router.Ref, completed));
        Watch(actor);
        var register = await router.ExpectMsgAsync<RegisterConnection>(Patience);

        actor.Tell(new CloseConnection(CloseCodes.GoingAway, ""));
        actor.Tell(new ConnectionRegistered(9), router.Ref);

        var close = await new ServerFrameReader(transport.FromServer).ReadAsync(Patience);
        Assert.Equal(CloseCodes.GoingAway, close.CloseCode);
        await transport.SendAsync(ClientFrames.Close(CloseCodes.GoingAway));
        await ExpectTerminatedAsync(actor, Patience);
        await completed.Task.WaitAsync(Patience);
        Assert.Same(actor, register.Connection);
        transport.Dispose();
    }
}
