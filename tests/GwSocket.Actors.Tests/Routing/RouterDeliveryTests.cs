using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Routing;

/// <summary>Frames from pipe-in reach the right connections; client events reach subscribers as a coherent picture.</summary>
public sealed class RouterDeliveryTests : TestKit
{
    public RouterDeliveryTests(ITestOutputHelper output)
        : base(SingleNodeCluster.Config, output: output)
    {
        SingleNodeCluster.JoinSelf(Sys);
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly byte[] Frame = FrameEncoder.Encode(Opcode.Text, "hello"u8);

    private async Task<uint> RegisterAsync(IActorRef router, TestProbe connection, string ip = "192.0.2.7")
    {
        connection.IgnoreMessages(message => message is ReportWhenDrained or ClientTooSlow);
        router.Tell(new RegisterConnection(connection.Ref, new ClientEndpoint(ip, 40000)), connection.Ref);
        return (await connection.ExpectMsgAsync<ConnectionRegistered>(Patience)).ClientId;
    }

    [Fact]
    public async Task Broadcast_sends_the_same_frame_bytes_to_every_connection_and_acks_the_sender()
    {
        var router = Sys.ActorOf(Router.Props());
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        await RegisterAsync(router, first);
        await RegisterAsync(router, second);
        var stream = CreateTestProbe();

        router.Tell(PipeInBatches.Broadcast(Frame), stream.Ref);

        Assert.Same(Frame, Assert.Single((await first.ExpectMsgAsync<SendFrames>(Patience)).Frames));
        Assert.Same(Frame, Assert.Single((await second.ExpectMsgAsync<SendFrames>(Patience)).Frames));
        await stream.ExpectMsgAsync<RouterStreamProtocol.Ack>(Patience);
    }

    [Fact]
    public async Task Unicast_reaches_only_the_addressed_connection()
    {
        var router = Sys.ActorOf(Router.Props());
        var addressed = CreateTestProbe();
        var other = CreateTestProbe();
        var id = await RegisterAsync(router, addressed);
        await RegisterAsync(router, other);

        router.Tell(PipeInBatches.Unicast(id, Frame), CreateTestProbe().Ref);

        Assert.Same(Frame, Assert.Single((await addressed.ExpectMsgAsync<SendFrames>(Patience)).Frames));
        await other.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_pipe_in_batch_reaches_each_connection_as_one_message_in_the_batch_order()
    {
        var router = Sys.ActorOf(Router.Props());
        var addressed = CreateTestProbe();
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        var id = await RegisterAsync(router, addressed);
        await RegisterAsync(router, first);
        await RegisterAsync(router, second);
        byte[] one = [1], two = [2], mine = [3], three = [4], alsoMine = [5];
        var stream = CreateTestProbe();

        router.Tell(new PipeInBatch([new Delivery(0, one), new Delivery(0, two), new Delivery(id, mine), new Delivery(0, three), new Delivery(id, alsoMine)]), stream.Ref);

        Assert.Equal([one, two, mine, three, alsoMine], (await addressed.ExpectMsgAsync<SendFrames>(Patience)).Frames);
        var toFirst = await first.ExpectMsgAsync<SendFrames>(Patience);
        Assert.Equal([one, two, three], toFirst.Frames);
        Assert.Same(toFirst, await second.ExpectMsgAsync<SendFrames>(Patience));
        await stream.ExpectMsgAsync<RouterStreamProtocol.Ack>(Patience);
        await Task.WhenAll(addressed.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300)).AsTask(), first.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300)).AsTask());
    }

    [Fact]
    public async Task A_batch_of_unicasts_only_reaches_only_their_connections()
    {
        var router = Sys.ActorOf(Router.Props());
        var addressed = CreateTestProbe();
        var other = CreateTestProbe();
        var id = await RegisterAsync(router, addressed);
        await RegisterAsync(router, other);
        byte[] one = [1], two = [2];

        router.Tell(new PipeInBatch([new Delivery(id, one), new Delivery(id, two)]), CreateTestProbe().Ref);

        Assert.Equal([one, two], (await addressed.ExpectMsgAsync<SendFrames>(Patience)).Frames);
        await other.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Unicast_to_an_unknown_id_is_dropped_counted_and_still_acked()
    {
        var router = Sys.ActorOf(Router.Props());
        var stream = CreateTestProbe();

        router.Tell(PipeInBatches.Unicast(4242, Frame), stream.Ref);

        await stream.ExpectMsgAsync<RouterStreamProtocol.Ack>(Patience);
        router.Tell(GetRouterCounters.Instance, TestActor);
        var counters = await ExpectMsgAsync<RouterCounters>(Patience);
        Assert.Equal(1, counters.UnicastsToUnknownClients);
        Assert.Equal(0, counters.Unicasts);
    }

    [Fact]
    public async Task Subscriber_sees_open_message_and_close_of_a_client_in_order()
    {
        var router = Sys.ActorOf(Router.Props());
        var subscriber = CreateTestProbe();
        router.Tell(new SubscribeClientEvents(subscriber.Ref));
        var connection = CreateTestProbe();

        var id = await RegisterAsync(router, connection, "198.51.100.9");
        router.Tell(new ClientMessage(id, Opcode.Binary, [1, 2, 3]), connection.Ref);
        router.Tell(new ConnectionStopped(connection.Ref), connection.Ref);

        Assert.Equal(new ClientOpened(id, "198.51.100.9"), await subscriber.ExpectMsgAsync<ClientOpened>(Patience));
        Assert.Equal(id, (await subscriber.ExpectMsgAsync<ClientMessage>(Patience)).ClientId);
        Assert.Equal(new ClientClosed(id), await subscriber.ExpectMsgAsync<ClientClosed>(Patience));
    }

    [Fact]
    public async Task Late_subscriber_first_gets_an_open_for_every_live_client()
    {
        var router = Sys.ActorOf(Router.Props());
        var ids = new HashSet<uint>();
        foreach (var connection in Enumerable.Range(0, 3).Select(_ => CreateTestProbe()))
            ids.Add(await RegisterAsync(router, connection));

        var subscriber = CreateTestProbe();
        router.Tell(new SubscribeClientEvents(subscriber.Ref));

        var opened = new HashSet<uint>();
        for (var i = 0; i < 3; i++)
            opened.Add((await subscriber.ExpectMsgAsync<ClientOpened>(Patience)).ClientId);
        Assert.Equal(ids, opened);
    }

    [Fact]
    public async Task Confirmed_subscription_is_acknowledged_and_a_repeated_one_adds_no_second_picture()
    {
        var router = Sys.ActorOf(Router.Props());
        var id = await RegisterAsync(router, CreateTestProbe());
        var subscriber = CreateTestProbe();

        router.Tell(new SubscribeClientEvents(subscriber.Ref), subscriber.Ref);
        router.Tell(new SubscribeClientEvents(subscriber.Ref, Confirm: true), TestActor);

        await ExpectMsgAsync<ClientEventsSubscribed>(Patience);
        Assert.Equal(id, (await subscriber.ExpectMsgAsync<ClientOpened>(Patience)).ClientId);
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }
}
