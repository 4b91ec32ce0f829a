using Akka.Actor;
using Akka.Configuration;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;

namespace GwSocket.Actors.Tests;

/// <summary>The broker as an Akka module: its reference.conf gives every default, the system's own configuration wins over it.</summary>
public sealed class GwSocketBrokerTests
{
    [Fact]
    public async Task On_akka_defaults_alone_the_broker_has_the_documented_defaults()
    {
        using var system = ActorSystem.Create("defaults", BrokerConfig.Local);
        var broker = GwSocketBroker.Get(system);

        Assert.Equal(new ConnectionSettings(
            MaxMessageSize: 1024 * 1024,
            KeepaliveInterval: TimeSpan.FromSeconds(30),
            KeepaliveTimeout: TimeSpan.FromSeconds(10),
            CloseTimeout: TimeSpan.FromSeconds(5),
            EchoMode: false,
            MaxQueuedBytes: 2 * 1024 * 1024,
            SlowClientPolicy: SlowClientPolicy.Drop,
            CompressionMinSize: 128), broker.ConnectionSettings);
        Assert.Equal(
            new RouterSettings(Environment.MachineName, ClusterEvents: true, MaxBatchBytes: 256 * 1024, MaxQueuedBytes: 2 * 1024 * 1024, MaxDelay: TimeSpan.FromSeconds(5)),
            broker.RouterSettings);
        await system.Terminate();
    }

    [Fact]
    public async Task The_systems_configuration_wins_over_the_reference_conf()
    {
        var config = ConfigurationFactory.ParseString("""
            gwsocket.router { node-name = edge, events = local, max-batch-bytes = 64KiB }
            gwsocket.connections { keepalive.interval = 0s, slow-clients { max-queued-bytes = 1MiB, max-delay = 250ms, policy = close } }
            """).WithFallback(BrokerConfig.Local);
        using var system = ActorSystem.Create("configured", config);
        var broker = GwSocketBroker.Get(system);

        Assert.Equal(new RouterSettings("edge", ClusterEvents: false, 64 * 1024, 1024 * 1024, TimeSpan.FromMilliseconds(250)), broker.RouterSettings);
        Assert.Equal(
            ConnectionSettings.Default with { KeepaliveInterval = TimeSpan.Zero, MaxQueuedBytes = 1024 * 1024, SlowClientPolicy = SlowClientPolicy.Close },
            broker.ConnectionSettings);
        await system.Terminate();
    }

    [Fact]
    public void A_value_the_broker_does_not_know_names_its_key()
    {
        var gwsocket = ConfigurationFactory.ParseString("gwsocket.connections.slow-clients.policy = kick")
            .WithFallback(GwSocketBroker.DefaultConfig()).GetConfig("gwsocket");

        var error = Assert.Throws<ConfigurationException>(() => ConnectionSettings.Create(gwsocket));

        Assert.Contains("gwsocket.connections.slow-clients.policy", error.Message);
    }

    [Fact]
    public async Task Each_system_has_one_broker_with_one_router_named_router()
    {
        // The router is a cluster member's.
        var config = Routing.SingleNodeCluster.Config.WithFallback(BrokerConfig.WithBroker);
        using var first = ActorSystem.Create("first", config);
        using var second = ActorSystem.Create("second", config);

        Assert.Same(GwSocketBroker.Get(first), GwSocketBroker.Get(first));
        Assert.NotSame(GwSocketBroker.Get(first), GwSocketBroker.Get(second));
        Assert.Equal(GwSocketBroker.Get(first).Router, GwSocketBroker.Get(first).Router);
        Assert.Equal("/user/router", GwSocketBroker.Get(first).Router.Path.ToStringWithoutAddress());
        await Task.WhenAll(first.Terminate(), second.Terminate());
    }
}
