using Akka.Actor;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Tests.Transport;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Connections;

/// <summary>A client that does not read has a bounded queue: beyond it messages are dropped for it, or it is closed with 1008.</summary>
public sealed class SlowClientTests(ITestOutputHelper output) : ConnectionActorTestKit(output)
{
    private static readonly byte[] Hundred = FrameEncoder.Encode(Opcode.Binary, new byte[98]);

    private static ConnectionSettings Bounded(SlowClientPolicy policy) =>
        Quiet with { MaxQueuedBytes = 3 * Hundred.Length, SlowClientPolicy = policy };

    [Fact]
    public async Task Messages_beyond_the_queue_bound_are_dropped_and_the_client_keeps_what_fit()
    {
        var (connection, transport) = await SendBehindAStalledWriteAsync(SlowClientPolicy.Drop, frames: 10);

        Assert.Equal("in flight", (await connection.FromServer.ReadAsync(Patience)).Text);
        for (var i = 0; i < 3; i++)
            Assert.Equal(98, (await connection.FromServer.ReadAsync(Patience)).Payload.Length);
        // Once the client has read, its queue has room again.
        await AwaitAssertAsync(() => Assert.Equal(2, transport.Writes.Count), Patience);
        connection.Actor.Tell(new SendFrames([FrameEncoder.Encode(Opcode.Text, "after"u8)]));
        Assert.Equal("after", (await connection.FromServer.ReadAsync(Patience)).Text);
    }

    [Fact]
    public async Task A_frame_that_fits_while_the_client_reads_nothing_does_not_end_the_dropping()
    {
        var transport = new InMemoryTransport();
        var connection = await ConnectAsync(Bounded(SlowClientPolicy.Drop) with { MaxQueuedBytes = 3 * Hundred.Length + 50 }, transport);
        transport.HoldWrites();
        connection.Actor.Tell(new SendFrames([FrameEncoder.Encode(Opcode.Text, "in flight"u8)]));
        await AwaitAssertAsync(() => Assert.Single(transport.Writes), Patience);

        // Three fit, the fourth starts the dropping; the small one would fit, but the client has read nothing yet.
        for (var i = 0; i < 4; i++)
            connection.Actor.Tell(new SendFrames([Hundred]));
        connection.Actor.Tell(new SendFrames([FrameEncoder.Encode(Opcode.Text, "small"u8)]));
        await DrainMailboxAsync(connection.Actor);
        transport.ReleaseWrites();

        Assert.Equal("in flight", (await connection.FromServer.ReadAsync(Patience)).Text);
        for (var i = 0; i < 3; i++)
            Assert.Equal(98, (await connection.FromServer.ReadAsync(Patience)).Payload.Length);
        await AwaitAssertAsync(() => Assert.Equal(2, transport.Writes.Count), Patience);
        connection.Actor.Tell(new SendFrames([FrameEncoder.Encode(Opcode.Text, "after"u8)]));
        Assert.Equal("after", (await connection.FromServer.ReadAsync(Patience)).Text);
    }

    [Fact]
    public async Task Close_policy_closes_a_client_whose_queue_is_full_with_1008()
    {
        var (connection, _) = await SendBehindAStalledWriteAsync(SlowClientPolicy.Close, frames: 4);

        Assert.Equal("in flight", (await connection.FromServer.ReadAsync(Patience)).Text);
        for (var i = 0; i < 3; i++)
            Assert.Equal(98, (await connection.FromServer.ReadAsync(Patience)).Payload.Length);
        var close = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(Opcode.Close, close.Opcode);
        Assert.Equal(CloseCodes.PolicyViolation, close.CloseCode);
    }

    /// <summary>
    /// A connection whose first write ("in flight") the transport holds while <paramref name="frames"/> frames of
    /// 100 bytes are queued behind it (the queue takes three), then lets the writes go.
    /// </summary>
    private async Task<(ConnectionUnderTest Connection, InMemoryTransport Transport)> SendBehindAStalledWriteAsync(SlowClientPolicy policy, int frames)
    {
        var transport = new InMemoryTransport();
        var connection = await ConnectAsync(Bounded(policy), transport);
        transport.HoldWrites();
        connection.Actor.Tell(new SendFrames([FrameEncoder.Encode(Opcode.Text, "in flight"u8)]));
        await AwaitAssertAsync(() => Assert.Single(transport.Writes), Patience);

        for (var i = 0; i < frames; i++)
            connection.Actor.Tell(new SendFrames([Hundred]));
        await DrainMailboxAsync(connection.Actor);
        transport.ReleaseWrites();
        return (connection, transport);
    }
}
