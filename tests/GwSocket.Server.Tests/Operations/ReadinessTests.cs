using Akka.Actor;
using Akka.Configuration;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Telemetry;
using GwSocket.Server.Configuration;
using GwSocket.Server.Operations;
using Microsoft.Extensions.Hosting;

namespace GwSocket.Server.Tests.Operations;

/// <summary>Readiness names a failed router: the node is on its way out of the cluster, and /readyz says why.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task A_node_whose_router_failed_is_not_ready_and_says_why()
    {
        using var system = ActorSystem.Create("readiness", ConfigurationFactory.ParseString("""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp.hostname = 127.0.0.1
            akka.remote.dot-netty.tcp.port = 0
            """));
        _ = Akka.Cluster.Cluster.Get(system);
        var settings = SettingsReader.Read(HoconSources.EmbeddedDefaults());
        var readiness = new Readiness(new StartedLifetime(), system, new StatsBoard(), settings);

        await CoordinatedShutdown.Get(system).Run(new RouterFailed(new InvalidOperationException("boom"))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("the router failed: InvalidOperationException: boom", readiness.Problems()[0]);
    }

    private sealed class StartedLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => new(canceled: true);

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
