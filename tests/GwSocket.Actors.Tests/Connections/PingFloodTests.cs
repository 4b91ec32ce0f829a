using Akka.Actor;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Tests.Transport;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Connections;

/// <summary>A client that floods pings while not reading gets one pending pong, the latest, never a growing queue.</summary>
public sealed class PingFloodTests(ITestOutputHelper output) : ConnectionActorTestKit(output)
{
    [Fact]
    public async Task Ping_flood_from_a_client_that_does_not_read_leaves_one_pong_waiting_the_latest()
    {
        const int pings = 10_000;
        var transport = new InMemoryTransport();
        var connection = await ConnectAsync(Quiet, transport);
        transport.HoldWrites();
        await connection.SendAsync(ClientFrames.Ping("first"));
        await AwaitAssertAsync(() => Assert.Single(transport.Writes), Patience);

        for (var i = 0; i < pings; i++)
            await connection.SendAsync(ClientFrames.Ping($"ping {i}"));
        // The marker reaches the router only once every ping before it has been read.
        await connection.SendAsync(ClientFrames.Text("marker"));
        await connection.Router.ExpectMsgAsync<ClientMessage>(Patience);
        transport.ReleaseWrites();

        Assert.Equal("first", (await connection.FromServer.ReadAsync(Patience)).Text);
        var latest = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(Opcode.Pong, latest.Opcode);
        Assert.Equal($"ping {pings - 1}", latest.Text);
        connection.Actor.Tell(new SendFrames([FrameEncoder.Encode(Opcode.Text, "after the flood"u8)]));
        Assert.Equal("after the flood", (await connection.FromServer.ReadAsync(Patience)).Text);
        Assert.Equal(3, transport.Writes.Count);
    }
}
