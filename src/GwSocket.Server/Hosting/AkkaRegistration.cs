using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Hosting;
using GwSocket.Actors.Routing;
using GwSocket.Server.Configuration;
using Microsoft.Extensions.DependencyInjection;
using AkkaLogging = Akka.Event.Logging;

namespace GwSocket.Server.Hosting;

public static class AkkaRegistration
{
    /// <summary>The node's actor system, configured by the loaded HOCON and the cluster settings, logging through Microsoft.Extensions.Logging.</summary>
    public static IServiceCollection AddGwSocketAkka(this IServiceCollection services, GwSocketSettings settings, Config hocon) =>
        services.AddAkka(ClusterHocon.SystemName, akka =>
        {
            akka.AddHocon(ClusterHocon.For(settings).WithFallback(hocon), HoconAddMode.Prepend);
            akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = AkkaLogging.LogLevelFor(LogLevels.ForAkka(settings.LogLevel));
                loggers.ClearLoggers();
                loggers.AddLogger<AkkaLogBridge>();
            });
            var routerSettings = settings.ToRouterSettings();
            akka.WithActors((system, registry) => registry.Register<Router>(system.ActorOf(Router.Props(routerSettings), "router")));
            akka.AddStartup((system, _) => JoinSelfWithoutSeeds(system));
        });

    /// <summary>A node with no seed nodes is a cluster of one: it joins itself.</summary>
    private static void JoinSelfWithoutSeeds(ActorSystem system)
    {
        var cluster = Cluster.Get(system);
        if (cluster.Settings.SeedNodes.Count == 0)
            cluster.Join(cluster.SelfAddress);
    }
}
