using Akka.Actor;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Routing;

/// <summary>A router whose node is not Up yet keeps registrations waiting, and the stops that follow them behind them.</summary>
public sealed class RouterBeforeUpTests(ITestOutputHelper output) : TestKit(SingleNodeCluster.Config, output: output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Connection_that_stops_before_the_node_is_Up_leaves_no_ghost_client()
    {
        var router = Sys.ActorOf(Router.Props());
        var subscriber = CreateTestProbe();
        router.Tell(new SubscribeClientEvents(subscriber.Ref, Confirm: true), subscriber.Ref);
        await subscriber.ExpectMsgAsync<ClientEventsSubscribed>(Patience);
        var connection = CreateTestProbe();
        router.Tell(new RegisterConnection(connection.Ref, new ClientEndpoint("192.0.2.7", 50123)), connection.Ref);
        router.Tell(new ConnectionStopped(connection.Ref), connection.Ref);

        SingleNodeCluster.JoinSelf(Sys);

        var id = (await connection.ExpectMsgAsync<ConnectionRegistered>(Patience)).ClientId;
        Assert.Equal(new ClientOpened(id, "192.0.2.7"), await subscriber.ExpectMsgAsync<ClientOpened>(Patience));
        Assert.Equal(new ClientClosed(id), await subscriber.ExpectMsgAsync<ClientClosed>(Patience));
        Assert.Equal(0, (await router.Ask<RouterCounters>(GetRouterCounters.Instance, Patience)).Connections);
    }
}
