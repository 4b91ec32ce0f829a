using Akka.Actor;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Tests.Transport;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Connections;

/// <summary>Frames queued while a write is in flight leave together, in order, in the next write.</summary>
public sealed class WriteCoalescingTests(ITestOutputHelper output) : ConnectionActorTestKit(output)
{
    [Fact]
    public async Task Frames_queued_during_a_write_leave_in_one_write_in_order()
    {
        var transport = new InMemoryTransport();
        var connection = await ConnectAsync(Quiet, transport);
        var first = FrameEncoder.Encode(Opcode.Text, "first"u8);
        var second = FrameEncoder.Encode(Opcode.Text, "second"u8);
        var third = FrameEncoder.Encode(Opcode.Binary, new byte[300]);
        var fourth = FrameEncoder.Encode(Opcode.Text, "fourth"u8);
        transport.HoldWrites();

        connection.Actor.Tell(new SendFrames([first]));
        await AwaitAssertAsync(() => Assert.Single(transport.Writes), Patience);
        connection.Actor.Tell(new SendFrames([second]));
        connection.Actor.Tell(new SendFrames([third]));
        connection.Actor.Tell(new SendFrames([fourth]));
        await DrainMailboxAsync(connection.Actor);
        Assert.Single(transport.Writes);

        transport.ReleaseWrites();

        await AwaitAssertAsync(() => Assert.Equal(2, transport.Writes.Count), Patience);
        var writes = transport.Writes;
        Assert.Equal(first, writes[0]);
        Assert.Equal([.. second, .. third, .. fourth], writes[1]);
        foreach (var expected in new[] { "first", "second" })
            Assert.Equal(expected, (await connection.FromServer.ReadAsync(Patience)).Text);
        Assert.Equal(300, (await connection.FromServer.ReadAsync(Patience)).Payload.Length);
        Assert.Equal("fourth", (await connection.FromServer.ReadAsync(Patience)).Text);
        Assert.Equal(2, transport.Writes.Count);
    }

    [Fact]
    public async Task One_frame_at_a_time_is_written_on_its_own()
    {
        var connection = await ConnectAsync(Quiet);

        foreach (var text in new[] { "a", "b", "c" })
        {
            connection.Actor.Tell(new SendFrames([FrameEncoder.Encode(Opcode.Text, System.Text.Encoding.UTF8.GetBytes(text))]));
            Assert.Equal(text, (await connection.FromServer.ReadAsync(Patience)).Text);
        }

        Assert.Equal(3, connection.Transport.Writes.Count);
    }
}
