using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Routing;

/// <summary>The real router, with test probes standing in for connection actors.</summary>
public sealed class RouterTests : TestKit
{
    public RouterTests(ITestOutputHelper output)
        : base(SingleNodeCluster.Config, output: output)
    {
        SingleNodeCluster.JoinSelf(Sys);
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly ClientEndpoint Client = new("192.0.2.7", 50123);

    private async Task<uint> RegisterAsync(IActorRef router, TestProbe connection)
    {
        router.Tell(new RegisterConnection(connection.Ref, Client), connection.Ref);
        var registered = await connection.ExpectMsgAsync<ConnectionRegistered>(Patience);
        return registered.ClientId;
    }

    /// <summary>The probe stops as a connection actor does: telling the router on its way out.</summary>
    private async Task StopAsync(IActorRef router, TestProbe connection)
    {
        Watch(connection.Ref);
        router.Tell(new ConnectionStopped(connection.Ref), connection.Ref);
        Sys.Stop(connection.Ref);
        await ExpectTerminatedAsync(connection.Ref, Patience);
    }

    [Fact]
    public async Task Ids_are_never_0_and_distinct_among_live_connections()
    {
        var router = Sys.ActorOf(Router.Props());
        var connections = Enumerable.Range(0, 20).Select(_ => CreateTestProbe()).ToList();

        var ids = new List<uint>();
        foreach (var connection in connections)
            ids.Add(await RegisterAsync(router, connection));

        Assert.DoesNotContain(0u, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Id_of_a_stopped_connection_is_not_handed_to_the_next_one()
    {
        var router = Sys.ActorOf(Router.Props());
        var gone = CreateTestProbe();
        var goneId = await RegisterAsync(router, gone);
        await StopAsync(router, gone);

        var nextId = await RegisterAsync(router, CreateTestProbe());

        Assert.NotEqual(0u, nextId);
        Assert.NotEqual(goneId, nextId);
    }

    [Fact]
    public async Task CloseAllConnections_with_none_replies_at_once()
    {
        var router = Sys.ActorOf(Router.Props());

        router.Tell(new CloseAllConnections(CloseCodes.GoingAway, "shutdown"));

        await ExpectMsgAsync<AllConnectionsClosed>(Patience);
    }

    [Fact]
    public async Task CloseAllConnections_asks_each_connection_to_close_and_replies_only_after_all_stopped()
    {
        var router = Sys.ActorOf(Router.Props());
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        await RegisterAsync(router, first);
        await RegisterAsync(router, second);
        var shutdown = CreateTestProbe();

        router.Tell(new CloseAllConnections(CloseCodes.GoingAway, "shutdown"), shutdown.Ref);

        Assert.Equal(new CloseConnection(CloseCodes.GoingAway, "shutdown"), await first.FishForMessageAsync<CloseConnection>(_ => true, Patience));
        Assert.Equal(new CloseConnection(CloseCodes.GoingAway, "shutdown"), await second.FishForMessageAsync<CloseConnection>(_ => true, Patience));
        await shutdown.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));

        await StopAsync(router, first);
        await shutdown.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500));

        await StopAsync(router, second);
        await shutdown.ExpectMsgAsync<AllConnectionsClosed>(Patience);
    }

    [Fact]
    public async Task Connection_registering_during_CloseAllConnections_is_asked_to_close_too()
    {
        var router = Sys.ActorOf(Router.Props());
        var early = CreateTestProbe();
        await RegisterAsync(router, early);
        var shutdown = CreateTestProbe();
        router.Tell(new CloseAllConnections(CloseCodes.GoingAway, "shutdown"), shutdown.Ref);
        await early.FishForMessageAsync<CloseConnection>(_ => true, Patience);

        var late = CreateTestProbe();
        await RegisterAsync(router, late);

        await late.FishForMessageAsync<CloseConnection>(_ => true, Patience);
        await StopAsync(router, early);
        await shutdown.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500));
        await StopAsync(router, late);
        await shutdown.ExpectMsgAsync<AllConnectionsClosed>(Patience);
    }
}
