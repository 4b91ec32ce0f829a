using System.Buffers;
using Akka.Actor;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Tests.Transport;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Connections;

/// <summary>The 101 that the listener leaves in the transport goes out only once the router knows the connection.</summary>
public sealed class RegistrationTests(ITestOutputHelper output) : ConnectionActorTestKit(output)
{
    private static readonly byte[] SwitchingProtocols = "HTTP/1.1 101 Switching Protocols\r\n\r\n"u8.ToArray();

    [Fact]
    public async Task What_the_listener_wrote_is_sent_once_the_router_has_registered_the_connection_and_before_any_frame()
    {
        var transport = new InMemoryTransport();
        transport.Output.Write(SwitchingProtocols.AsSpan());
        var router = CreateTestProbe();
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = Sys.ActorOf(ConnectionHost.Props(Quiet.KeepaliveInterval));
        host.Tell(new StartConnection(ConnectionActor.Props(transport, new ClientEndpoint("192.0.2.7", 50123), Quiet, router.Ref, completed)
            .WithMailbox(ConnectionMailbox.Id)));

        var actor = (await router.ExpectMsgAsync<RegisterConnection>(Patience)).Connection;
        await DrainMailboxAsync(actor);
        Assert.Empty(transport.Writes);

        actor.Tell(new ConnectionRegistered(7), router.Ref);
        var frame = FrameEncoder.Encode(Opcode.Text, "first broadcast"u8);
        actor.Tell(new SendFrames([frame]), router.Ref);

        await AwaitAssertAsync(() => Assert.Equal(2, transport.Writes.Count), Patience);
        Assert.Equal(SwitchingProtocols, transport.Writes[0]);
        Assert.Equal(frame, transport.Writes[1]);
        transport.Dispose();
    }
}
