using Akka.Configuration;
using GwSocket.Actors;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using GwSocket.Server.CommandLine;
using GwSocket.Server.Configuration;
using GwSocket.Server.Hosting;

namespace GwSocket.Server.Tests.Hosting;

/// <summary>gwsocket's options reach the broker's settings through the HOCON the node prepends (gwsocket.router, gwsocket.connections).</summary>
public sealed class BrokerHoconTests
{
    [Fact]
    public void Every_option_the_broker_uses_reaches_its_settings()
    {
        var settings = Parse("--node-name=edge \"7\"", "--events=local", "--max-frame-size=4096", "--keepalive-interval=7", "--echo-mode") with
        {
            KeepaliveTimeout = TimeSpan.FromSeconds(3),
            SlowClientsMaxDelay = TimeSpan.FromMilliseconds(1500),
            CloseTimeout = TimeSpan.FromMilliseconds(2500),
            CompressionMinSize = 64,
            ClientMaxQueuedBytes = 65536,
            SlowClientPolicy = SlowClientPolicy.Close,
        };

        var broker = BrokerSettings.Of(settings);

        Assert.Equal(new ConnectionSettings(
            MaxMessageSize: 4096,
            KeepaliveInterval: TimeSpan.FromSeconds(7),
            KeepaliveTimeout: TimeSpan.FromSeconds(3),
            CloseTimeout: TimeSpan.FromMilliseconds(2500),
            EchoMode: true,
            MaxQueuedBytes: 65536,
            SlowClientPolicy: SlowClientPolicy.Close,
            CompressionMinSize: 64), broker.Connections);
        Assert.Equal(
            new RouterSettings("edge \"7\"", ClusterEvents: false, RouterSettings.Default.MaxBatchBytes, 65536, TimeSpan.FromMilliseconds(1500)),
            broker.Router);
    }

    [Fact]
    public void The_defaults_of_gwsocket_are_the_defaults_of_the_broker()
    {
        var broker = BrokerSettings.Of(SettingsReader.Read(HoconSources.EmbeddedDefaults()));

        Assert.Equal(ConnectionSettings.Default, broker.Connections);
        Assert.Equal(RouterSettings.Default with { NodeName = broker.Router.NodeName }, broker.Router);
    }

    private static GwSocketSettings Parse(params string[] args) =>
        Assert.IsType<CommandLineOutcome.RunServer>(GwSocketCommandLine.Parse(args)).Settings;
}

/// <summary>The broker's settings as a node with these options reads them.</summary>
internal sealed record BrokerSettings(RouterSettings Router, ConnectionSettings Connections)
{
    public static BrokerSettings Of(GwSocketSettings settings)
    {
        var gwsocket = BrokerHocon.For(settings).WithFallback(GwSocketBroker.DefaultConfig()).GetConfig("gwsocket");
        return new(RouterSettings.Create(gwsocket), ConnectionSettings.Create(gwsocket));
    }
}
