using Akka.Configuration;

namespace GwSocket.Actors.Tests;

/// <summary>Actor systems on nothing but Akka's defaults and the module's reference.conf, the broker loaded at start as a user would.</summary>
internal static class BrokerConfig
{
    public static Config WithBroker { get; } = ConfigurationFactory.ParseString("""
        akka.extensions = ["GwSocket.Actors.GwSocketBrokerProvider, GwSocket.Actors"]
        akka.loglevel = WARNING
        """);

    /// <summary>A local actor system (no cluster) with the broker.</summary>
    public static Config Local { get; } = ConfigurationFactory.ParseString("akka.actor.provider = local").WithFallback(WithBroker);
}
