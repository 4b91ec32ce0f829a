using Akka.Actor;
using Akka.Configuration;
using GwSocket.Actors.Routing;
using GwSocket.Server.Configuration;
using GwSocket.Server.Hosting;
using static GwSocket.Server.Tests.CommandLineRuns;

namespace GwSocket.Server.Tests.Cluster;

/// <summary>The embedded hocon's akka section under ClusterHocon and BrokerHocon, combined by the server's own code.</summary>
public sealed class ClusterAkkaConfigTests
{
    private static Config ServerAkkaConfig(params string[] args)
    {
        var run = Assert.IsType<GwSocket.Server.CommandLine.CommandLineOutcome.RunServer>(
            GwSocket.Server.CommandLine.GwSocketCommandLine.Parse(args, NoEnvironment));
        return AkkaRegistration.NodeConfig(run.Settings, run.Hocon);
    }

    [Fact]
    public void Every_node_is_a_cluster_member() =>
        Assert.Equal("cluster", ServerAkkaConfig().GetString("akka.actor.provider"));

    [Fact]
    public void The_split_brain_resolver_keeps_the_majority()
    {
        var config = ServerAkkaConfig();

        Assert.Equal("Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster", config.GetString("akka.cluster.downing-provider-class"));
        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.True(config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after") > TimeSpan.Zero);
    }

    [Fact]
    public void A_node_with_seeds_marks_and_removes_crashed_nodes_twice_a_second()
    {
        var config = WithAkkaClusterDefaults(ServerAkkaConfig("--seed=seed:4053"));

        Assert.Equal(TimeSpan.FromMilliseconds(500), config.GetTimeSpan("akka.cluster.unreachable-nodes-reaper-interval"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), config.GetTimeSpan("akka.cluster.leader-actions-interval"));
    }

    [Fact]
    public void A_cluster_of_one_runs_those_ticks_once_a_second_like_its_other_periodic_tasks()
    {
        var config = WithAkkaClusterDefaults(ServerAkkaConfig());

        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("akka.cluster.unreachable-nodes-reaper-interval"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("akka.cluster.leader-actions-interval"));
    }

    [Fact]
    public void Ticks_set_in_the_config_file_apply_with_or_without_seeds()
    {
        var file = Path.Combine(Path.GetTempPath(), $"gwsocket-ticks-{Guid.NewGuid():N}.conf");
        File.WriteAllText(file, "akka.cluster.leader-actions-interval = 2s\n");
        try
        {
            Assert.Equal(TimeSpan.FromSeconds(2), ServerAkkaConfig($"--config={file}").GetTimeSpan("akka.cluster.leader-actions-interval"));
            Assert.Equal(TimeSpan.FromSeconds(2), ServerAkkaConfig($"--config={file}", "--seed=seed:4053").GetTimeSpan("akka.cluster.leader-actions-interval"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Config WithAkkaClusterDefaults(Config config) =>
        config.WithFallback(ConfigurationFactory.FromResource<Akka.Cluster.Cluster>("Akka.Cluster.Configuration.Cluster.conf"));

    [Fact]
    public void The_broker_is_loaded_at_start_and_the_server_repeats_none_of_its_settings()
    {
        var config = ServerAkkaConfig();

        Assert.Equal(typeof(GwSocket.Actors.GwSocketBrokerProvider), Type.GetType(Assert.Single(config.GetStringList("akka.extensions"))));
        Assert.False(HoconSources.EmbeddedDefaults().HasPath("akka.actor.serialization-bindings"), "the bindings are the module's, in its reference.conf");
        Assert.False(HoconSources.EmbeddedDefaults().HasPath("akka.actor.serializers"));
    }

    [Fact]
    public void The_remoting_settings_from_the_command_line_are_on_top_of_the_embedded_ones()
    {
        var config = ServerAkkaConfig("--cluster-host=seed", "--cluster-port=4053", "--seed=seed:4053");

        Assert.Equal("seed", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal(4053, config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal(["akka.tcp://gwsocket@seed:4053"], config.GetStringList("akka.cluster.seed-nodes"));
        Assert.False(config.GetBoolean("akka.remote.dot-netty.tcp.batching.enabled"));
    }

    [Theory]
    [InlineData("--max-frame-size=1048576")]
    [InlineData("--max-frame-size=2147483647")]
    public async Task An_actor_system_starts_with_it_as_a_cluster_node_using_the_compact_serializer(string maxFrameSize)
    {
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(ServerAkkaConfig(maxFrameSize));
        using var system = ActorSystem.Create(ClusterHocon.SystemName, config);
        try
        {
            var cluster = Akka.Cluster.Cluster.Get(system);

            Assert.IsType<Akka.Cluster.ClusterActorRefProvider>(((ExtendedActorSystem)system).Provider);
            Assert.Equal(typeof(Akka.Cluster.SBR.SplitBrainResolverProvider), cluster.Settings.DowningProviderType);
            Assert.Empty(cluster.Settings.SeedNodes);
            Assert.Equal("127.0.0.1", cluster.SelfAddress.Host);
            Assert.True(cluster.SelfAddress.Port > 0);
            Assert.IsType<ClusterMessageSerializer>(system.Serialization.FindSerializerForType(typeof(PeerBatch)));
            Assert.IsType<ClusterMessageSerializer>(system.Serialization.FindSerializerForType(typeof(PeerHello)));
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
