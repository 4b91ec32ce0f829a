using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.Routing;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Pipes;

/// <summary>Pipe tests: a temporary directory for FIFOs, and a probe standing in for the router that acknowledges everything.</summary>
public abstract class PipeTestKit : TestKit
{
    /// <summary>Generous: these tests run on loaded two-core machines, and waiting only costs time when something is wrong.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly FifoDirectory _fifos = new();
    private readonly Queue<Delivery> _unpacked = new();

    protected PipeTestKit(ITestOutputHelper output)
        : base(output: output)
    {
        Router = CreateTestProbe("router");
        Router.SetAutoPilot(new DelegateAutoPilot((sender, _) =>
        {
            sender.Tell(RouterStreamProtocol.Ack.Instance);
            return AutoPilot.KeepRunning;
        }));
    }

    internal FifoDirectory Fifos => _fifos;

    protected TestProbe Router { get; }

    /// <summary>The next delivery the router gets in a batch, skipping the stream's start message.</summary>
    private protected async Task<Delivery> ExpectDeliveryAsync()
    {
        while (_unpacked.Count == 0)
        {
            var batch = (PipeInBatch)await Router.FishForMessageAsync(message => message is PipeInBatch, Patience);
            foreach (var delivery in batch.Deliveries)
                _unpacked.Enqueue(delivery);
        }
        return _unpacked.Dequeue();
    }

    private protected static Delivery AssertBroadcast(Delivery delivery)
    {
        Assert.True(delivery.IsBroadcast, $"a unicast to {delivery.ClientId} where a broadcast was expected");
        return delivery;
    }

    private protected static Delivery AssertUnicast(Delivery delivery)
    {
        Assert.False(delivery.IsBroadcast, "a broadcast where a unicast was expected");
        return delivery;
    }

    protected async Task<T> AskAsync<T>(IActorRef actor, object question) => await actor.Ask<T>(question, Patience);

    protected override void Dispose(bool disposing)
    {
        // The actor system first, so that pipe actors close their ends before the FIFOs go.
        base.Dispose(disposing);
        if (disposing)
            _fifos.Dispose();
    }
}
