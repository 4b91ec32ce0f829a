using Akka.Actor;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Tests.Routing;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>
/// A batch that asks for it (a network producer's <c>ack=1</c>) is acknowledged only once every other node has handed
/// its frames to its clients, not when the other nodes are merely within their window of credit: what is acknowledged
/// is never lost with the node that took it.
/// </summary>
public sealed class HandedOnAcknowledgementTests(ITestOutputHelper output) : MultiNodeTestKit(output)
{
    private const int QueueBound = 4096;

    [Fact]
    public async Task A_batch_asking_for_it_is_acknowledged_once_the_other_node_has_handed_it_to_its_client_and_not_before()
    {
        var nodes = await StartClusterAsync(
            NodeSettings("node-1", clusterEvents: true),
            NodeSettings("node-2", clusterEvents: true) with { MaxQueuedBytes = QueueBound, MaxDelay = TimeSpan.FromMinutes(5) });
        var remote = await ConnectAsync(nodes[1]);
        var stream = CreateTestProbe();

        // The remote client gets a frame above its queue bound and reports nothing: it has no room for the next one.
        nodes[0].Router.Tell(PipeInBatches.Broadcast(new byte[QueueBound + 1]), stream.Ref);
        await stream.ExpectMsgAsync<RouterStreamProtocol.Ack>(Delivery);
        Assert.Equal(QueueBound + 1, (await remote.Probe.ExpectFrameBytesAsync(Delivery)).Length);

        // Within the window of credit, an ordinary batch is acknowledged while its frame still waits on node 2...
        nodes[0].Router.Tell(PipeInBatches.Broadcast(Frames.Labelled("ordinary")), stream.Ref);
        await stream.ExpectMsgAsync<RouterStreamProtocol.Ack>(Delivery);
        // ...one asking to be handed on is not.
        nodes[0].Router.Tell(new PipeInBatch([new Delivery(0, Frames.Labelled("handed on"))], AckOnceHandedOn: true), stream.Ref);
        await stream.ExpectNoMsgAsync(Silence);
        await remote.Probe.ExpectNoFrameAsync(TimeSpan.Zero);

        // The client has written what it had: node 2 hands both frames on and grants them, and the batch is acknowledged.
        nodes[1].Router.Tell(new DeliveryProgress(remote.Id, QueueBound + 1, 0, Environment.TickCount64), remote.Probe.Ref);
        Assert.Equal("ordinary", await remote.Probe.ExpectFrameAsync(Delivery));
        Assert.Equal("handed on", await remote.Probe.ExpectFrameAsync(Delivery));
        await stream.ExpectMsgAsync<RouterStreamProtocol.Ack>(Delivery);
    }
}
