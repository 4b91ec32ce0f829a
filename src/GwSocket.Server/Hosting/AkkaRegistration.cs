using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Hosting;
using GwSocket.Actors;
using GwSocket.Actors.Routing;
using GwSocket.Server.Configuration;
using Microsoft.Extensions.DependencyInjection;
using AkkaLogging = Akka.Event.Logging;

namespace GwSocket.Server.Hosting;

internal static class AkkaRegistration
{
    /// <summary>The node's actor system, configured by the loaded HOCON and the cluster settings, logging through Microsoft.Extensions.Logging.</summary>
    public static IServiceCollection AddGwSocketAkka(this IServiceCollection services, GwSocketSettings settings, Config hocon) =>
        services.AddAkka(ClusterHocon.SystemName, akka =>
        {
            akka.AddHocon(NodeConfig(settings, hocon), HoconAddMode.Prepend);
            akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = AkkaLogging.LogLevelFor(LogLevels.ForAkka(settings.LogLevel));
                loggers.ClearLoggers();
                loggers.AddLogger<AkkaLogBridge>();
            });
            // The broker's router, under its broker's type: the Router class is internal to GwSocket.Actors.
            akka.WithActors((system, registry) => registry.Register<GwSocketBroker>(GwSocketBroker.Get(system).Router));
            akka.AddStartup((system, _) => JoinSelfWithoutSeeds(system));
        });

    /// <summary>
    /// The node's Akka configuration: the cluster and broker settings that follow from the options, on the loaded HOCON,
    /// the cluster's crash-detection ticks under it (the loaded HOCON may set them), with the broker loaded at start. The broker adds its own reference.conf under all of it.
    /// </summary>
    public static Config NodeConfig(GwSocketSettings settings, Config hocon) =>
        ClusterHocon.For(settings).WithFallback(BrokerHocon.For(settings)).WithFallback(hocon)
            .WithFallback(ClusterHocon.CrashDetectionTicks(settings)).WithFallback(LoadBroker);

    /// <summary>The broker is there from the system's start, with its serializers, before any other node can send to it.</summary>
    private static readonly Config LoadBroker =
        ConfigurationFactory.ParseString($"akka.extensions = [{ClusterHocon.Quote(typeof(GwSocketBrokerProvider).AssemblyQualifiedName!)}]");

    /// <summary>A node with no seed nodes is a cluster of one: it joins itself.</summary>
    private static void JoinSelfWithoutSeeds(ActorSystem system)
    {
        var cluster = Cluster.Get(system);
        if (cluster.Settings.SeedNodes.Count == 0)
            cluster.Join(cluster.SelfAddress);
    }
}
