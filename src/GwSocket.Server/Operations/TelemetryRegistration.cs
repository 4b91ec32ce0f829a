using Akka.Actor;
using Akka.Hosting;
using GwSocket.Actors;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Telemetry;
using GwSocket.Server.Configuration;
using Microsoft.Extensions.Hosting;

namespace GwSocket.Server.Operations;

/// <summary>Starts this node's stats gossip and collector once the router and the pipes run (it is registered after them).</summary>
internal sealed class TelemetryRegistration(GwSocketSettings settings, ActorSystem system, ActorRegistry registry, StatsBoard board) : IHostedService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var gossip = system.ActorOf(StatsGossip.Props(board), StatsGossip.Name);
        registry.Register<StatsGossip>(gossip);
        var sources = new NodeStatsSources(
            registry.Get<GwSocketBroker>(),
            registry.TryGet<PipeIngest>(out var pipeIn) ? pipeIn : null,
            registry.TryGet<PipeOut>(out var pipeOut) ? pipeOut : null);
        registry.Register<NodeStatsCollector>(system.ActorOf(NodeStatsCollector.Props(sources, gossip, settings.NodeName, Interval), "stats-collector"));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
