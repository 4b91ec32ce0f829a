using System.Net;
using Akka.Configuration;
using GwSocket.Actors.Routing;
using GwSocket.Server.Configuration;
using GwSocket.Server.Hosting;
using static GwSocket.Server.Tests.CommandLineRuns;

namespace GwSocket.Server.Tests.Cluster;

/// <summary>ClusterHocon.For: the Akka settings that follow from gwsocket's, read back as Akka reads them.</summary>
public sealed class ClusterHoconTests
{
    private const string Tcp = "akka.remote.dot-netty.tcp";

    private static Config For(params string[] args) => ClusterHocon.For(Settings(args));

    /// <summary>The remote frame size as Akka.Remote's transport reads it (an int), not as HOCON spells it.</summary>
    private static long AkkaMaximumFrameSize(Config hocon) =>
        AkkaRemoteSettings.MaximumFrameSize(hocon.WithFallback(HoconSources.EmbeddedDefaults()).GetConfig(Tcp));

    private static IReadOnlyList<string> SeedNodes(Config hocon) => [.. hocon.GetStringList("akka.cluster.seed-nodes")];

    [Fact]
    public void Without_seeds_the_node_listens_on_loopback_on_any_port_and_joins_nobody()
    {
        var hocon = For();

        Assert.Equal("127.0.0.1", hocon.GetString($"{Tcp}.hostname"));
        Assert.Equal(0, hocon.GetInt($"{Tcp}.port"));
        Assert.Empty(SeedNodes(hocon));
    }

    [Fact]
    public void The_cluster_port_is_the_remoting_port() =>
        Assert.Equal(4053, For("--cluster-port=4053").GetInt($"{Tcp}.port"));

    [Fact]
    public void Seeds_become_akka_addresses_of_the_gwsocket_system_in_order()
    {
        var hocon = For("--seed=seed:4053", "--seed=other:4054", "--seed=[::1]:4055");

        Assert.Equal(["akka.tcp://gwsocket@seed:4053", "akka.tcp://gwsocket@other:4054", "akka.tcp://gwsocket@[::1]:4055"], SeedNodes(hocon));
    }

    [Fact]
    public void Seed_addresses_name_the_actor_system_the_server_starts() =>
        Assert.Equal("gwsocket", ClusterHocon.SystemName);

    [Fact]
    public void Seed_addresses_read_back_as_akka_addresses()
    {
        var hocon = For("--seed=seed:4053", "--seed=[::1]:4055");

        var addresses = SeedNodes(hocon).Select(Akka.Actor.Address.Parse).ToList();

        Assert.Equal([("gwsocket", "akka.tcp", "seed", 4053), ("gwsocket", "akka.tcp", "[::1]", 4055)],
            addresses.Select(address => (address.System, address.Protocol, address.Host, address.Port ?? -1)));
    }

    [Fact]
    public void Effective_cluster_host_is_loopback_without_seeds() =>
        Assert.Equal("127.0.0.1", Settings().EffectiveClusterHost);

    [Fact]
    public void Effective_cluster_host_is_the_host_name_with_seeds()
    {
        var settings = Settings("--seed=seed:4053");

        Assert.Equal(Dns.GetHostName(), settings.EffectiveClusterHost);
        Assert.Equal(Dns.GetHostName(), ClusterHocon.For(settings).GetString($"{Tcp}.hostname"));
    }

    [Theory]
    [InlineData("--cluster-host=seed")]
    [InlineData("--cluster-host=seed", "--seed=seed:4053")]
    public void Effective_cluster_host_is_the_option_when_given(params string[] args)
    {
        var settings = Settings(args);

        Assert.Equal("seed", settings.EffectiveClusterHost);
        Assert.Equal("seed", ClusterHocon.For(settings).GetString($"{Tcp}.hostname"));
    }

    [Fact]
    public void Effective_cluster_host_from_the_environment_reaches_the_remoting_hostname()
    {
        var settings = Settings(EnvironmentOf(("GWSOCKET_CLUSTER_HOST", "env-host"), ("GWSOCKET_SEEDS", "seed:4053")));

        Assert.Equal("env-host", ClusterHocon.For(settings).GetString($"{Tcp}.hostname"));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(65536L)]
    [InlineData(1048576L)]
    [InlineData(16L * 1024 * 1024)]
    [InlineData(100L * 1024 * 1024)]
    public void The_remote_frame_admits_a_max_size_message_plus_a_full_batch_around_it(long maxFrameSize)
    {
        var hocon = For($"--max-frame-size={maxFrameSize}");
        // A batch is sent once it holds MaxBatchBytes, so the largest one holds just under that plus one max-size entry.
        var largestBatch = maxFrameSize + RouterSettings.Default.MaxBatchBytes + 64 * 1024;

        Assert.True(hocon.GetByteSize($"{Tcp}.maximum-frame-size") >= largestBatch);
        Assert.True(AkkaMaximumFrameSize(hocon) >= largestBatch, $"Akka.Remote reads {AkkaMaximumFrameSize(hocon)} bytes");
    }

    [Fact]
    public void A_16_MiB_max_frame_size_gives_a_remote_frame_size_above_it()
    {
        var hocon = For("--max-frame-size=16777216");

        Assert.True(AkkaMaximumFrameSize(hocon) > 16 * 1024 * 1024);
    }

    [Theory]
    [InlineData(2147483647L)]
    [InlineData(3L * 1024 * 1024 * 1024)]
    [InlineData(4L * 1024 * 1024 * 1024)]
    [InlineData(1L << 40)]
    [InlineData(long.MaxValue)]
    public void A_max_frame_size_beyond_what_one_array_holds_gives_akkas_largest_frame(long maxFrameSize)
    {
        var hocon = For($"--max-frame-size={maxFrameSize}");

        Assert.Equal(int.MaxValue, AkkaMaximumFrameSize(hocon));
    }

    [Fact]
    public void Odd_characters_in_the_host_are_quoted_for_hocon()
    {
        var settings = Settings() with { ClusterHost = "a\"b\\c" };

        Assert.Equal("a\"b\\c", ClusterHocon.For(settings).GetString($"{Tcp}.hostname"));
    }
}
