using System.Buffers;
using Akka.Actor;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Tests.Transport;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Connections;

/// <summary>
/// The 101 goes out only once the router knows the connection: the listener hands its bytes over, and behind Kestrel's
/// HTTP stack the transport holds it unflushed.
/// </summary>
public sealed class RegistrationTests(ITestOutputHelper output) : ConnectionActorTestKit(output)
{
    private static readonly byte[] SwitchingProtocols = "HTTP/1.1 101 Switching Protocols\r\n\r\n"u8.ToArray();

    [Fact]
    public async Task The_listeners_101_is_sent_once_the_router_has_registered_the_connection_and_before_any_frame()
    {
        var transport = new InMemoryTransport();
        await ExpectSentAfterRegistrationAsync(transport, ConnectionOutput.Into(transport.Output, SwitchingProtocols));
    }

    [Fact]
    public async Task What_the_transport_holds_unflushed_is_sent_once_the_router_has_registered_the_connection_and_before_any_frame()
    {
        var transport = new InMemoryTransport();
        transport.Output.Write(SwitchingProtocols.AsSpan());
        await ExpectSentAfterRegistrationAsync(transport, ConnectionOutput.Into(transport.Output));
    }

    private async Task ExpectSentAfterRegistrationAsync(InMemoryTransport transport, ConnectionOutput output)
    {
        var router = CreateTestProbe();
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = Sys.ActorOf(ConnectionHost.Props(Quiet.KeepaliveInterval));
        host.Tell(new StartConnection(ConnectionActor.Props(transport.Input, output, new ClientEndpoint("192.0.2.7", 50123), Quiet, router.Ref, completed)
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
