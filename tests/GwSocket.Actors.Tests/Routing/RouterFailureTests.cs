using Akka.Actor;
using Akka.Event;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Routing;

/// <summary>
/// A router that throws is not restarted (which would forget its clients and subscribers and hand out ids again):
/// it closes its clients with 1011, stops, logs why with the stack, and the node shuts down to leave the cluster.
/// </summary>
public sealed class RouterFailureTests : TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public RouterFailureTests(ITestOutputHelper output)
        : base(SingleNodeCluster.Config, output: output)
    {
        SingleNodeCluster.JoinSelf(Sys);
    }

    [Fact]
    public async Task A_router_that_throws_closes_its_clients_stops_and_takes_the_node_out_of_the_cluster()
    {
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));
        var router = Sys.ActorOf(Router.Props(), "router");
        Watch(router);
        var connections = new[] { CreateTestProbe(), CreateTestProbe() };
        foreach (var connection in connections)
        {
            router.Tell(new RegisterConnection(connection.Ref, new ClientEndpoint("192.0.2.7", 50123)), connection.Ref);
            await connection.ExpectMsgAsync<ConnectionRegistered>(Patience);
        }

        // A batch without deliveries cannot come from pipe-in: here it stands for any bug in the router's handlers.
        router.Tell(new PipeInBatch(null!));

        foreach (var connection in connections)
            Assert.Equal(CloseCodes.InternalError, (await connection.ExpectMsgAsync<CloseConnection>(Patience)).Code);
        await ExpectTerminatedAsync(router, Patience);
        var error = await errors.FishForMessageAsync<Error>(e => e.Message.ToString()!.Contains("the router failed"), Patience);
        var cause = Assert.IsType<NullReferenceException>(error.Cause);
        Assert.Contains(nameof(Router), cause.StackTrace);
        await Sys.WhenTerminated.WaitAsync(Patience);
        var reason = Assert.IsType<RouterFailed>(CoordinatedShutdown.Get(Sys).ShutdownReason);
        Assert.Same(cause, reason.Cause);
    }
}
