using GwSocket.Server.Configuration;
using static GwSocket.Server.Tests.CommandLineRuns;

namespace GwSocket.Server.Tests.Cluster;

/// <summary>--cluster-host, --cluster-port, --seed, --node-name and --events on the real command line, no environment.</summary>
public sealed class ClusterOptionsTests
{
    private static ClusterView Cluster(params string[] args) => ClusterView.Of(Settings(args));

    [Fact]
    public void Without_cluster_options_a_node_is_a_cluster_of_one_with_the_embedded_defaults()
    {
        var settings = Settings();

        Assert.Equal(ClusterView.Defaults, ClusterView.Of(settings));
        Assert.Empty(settings.Seeds);
        Assert.Equal(0, settings.ClusterPort);
        Assert.True(settings.ClusterEvents);
        Assert.Equal(Environment.MachineName, settings.NodeName);
        Assert.Equal("127.0.0.1", settings.EffectiveClusterHost);
    }

    [Fact]
    public void Cluster_options_leave_the_other_settings_alone()
    {
        var settings = Settings("--cluster-host=seed", "--cluster-port=4053", "--seed=seed:4053", "--node-name=n1", "--events=local");

        Assert.Equal(7890, settings.Port);
        Assert.False(settings.EchoMode);
        Assert.False(settings.Strict);
        Assert.False(settings.Stdin);
        Assert.False(settings.Stdout);
        Assert.Equal(1048576, settings.MaxFrameSize);
    }

    [Fact]
    public void Other_options_leave_the_cluster_settings_at_their_defaults() =>
        Assert.Equal(ClusterView.Defaults, Cluster("--strict", "--echo-mode", "--port=7891", "--std"));

    [Theory]
    [InlineData("seed")]
    [InlineData("node-1.example.com")]
    [InlineData("10.0.0.5")]
    public void Cluster_host_is_taken_as_given(string host)
    {
        var settings = Settings($"--cluster-host={host}");

        Assert.Equal(ClusterView.Defaults with { ClusterHost = host }, ClusterView.Of(settings));
        Assert.Equal(host, settings.EffectiveClusterHost);
    }

    [Theory]
    [InlineData("--cluster-host=seed")]
    [InlineData("--cluster-host", "seed")]
    public void Cluster_host_is_accepted_with_or_without_equals(params string[] args) =>
        Assert.Equal(ClusterView.Defaults with { ClusterHost = "seed" }, Cluster(args));

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("4053", 4053)]
    [InlineData("65535", 65535)]
    public void Cluster_port_takes_0_to_65535(string given, int expected) =>
        Assert.Equal(ClusterView.Defaults with { ClusterPort = expected }, Cluster($"--cluster-port={given}"));

    [Theory]
    [InlineData("-1")]
    [InlineData("65536")]
    [InlineData("abc")]
    [InlineData("4053x")]
    [InlineData(" 4053")]
    public void Cluster_port_outside_0_to_65535_is_one_line_naming_the_option(string given) =>
        Assert.Equal($"--cluster-port: '{given}' is not a valid port (0-65535)", Error($"--cluster-port={given}"));

    [Fact]
    public void Cluster_port_without_a_value_is_an_error() =>
        Assert.Equal("--cluster-port: missing value", Error("--cluster-port"));

    [Fact]
    public void One_seed_is_a_host_and_a_port()
    {
        var settings = Settings("--seed=seed:4053");

        Assert.Equal(ClusterView.Defaults with { Seeds = "seed:4053" }, ClusterView.Of(settings));
        Assert.Equal([new SeedNode("seed", 4053)], settings.Seeds);
    }

    [Theory]
    [InlineData("--seed=a:4053", "--seed=b:4054")]
    [InlineData("--seed", "a:4053", "--seed", "b:4054")]
    [InlineData("--seed=a:4053", "--port=7891", "--seed", "b:4054")]
    public void Two_seeds_give_two_seeds_in_the_order_given(params string[] args) =>
        Assert.Equal([new SeedNode("a", 4053), new SeedNode("b", 4054)], Settings(args).Seeds);

    [Fact]
    public void Seeds_keep_their_order_whatever_it_is() =>
        Assert.Equal("z:3,a:1,m:2", Cluster("--seed=z:3", "--seed=a:1", "--seed=m:2").Seeds);

    [Fact]
    public void An_ipv6_seed_is_written_in_brackets()
    {
        var settings = Settings("--seed=[::1]:4053");

        Assert.Equal([new SeedNode("[::1]", 4053)], settings.Seeds);
        Assert.Equal(ClusterView.Defaults with { Seeds = "[::1]:4053" }, ClusterView.Of(settings));
    }

    [Theory]
    [InlineData("host")]
    [InlineData("host:0")]
    [InlineData("::1:4053")]
    [InlineData("host:")]
    [InlineData(":4053")]
    [InlineData("host:65536")]
    [InlineData("host:-1")]
    [InlineData("host:abc")]
    public void A_seed_that_is_not_host_colon_port_is_one_line_naming_seed(string given) =>
        Assert.StartsWith($"--seed: '{given}'", Error($"--seed={given}"));

    [Theory]
    [InlineData("--seed: 'host' is not host:port", "host")]
    [InlineData("--seed: 'host:0' does not end in a valid port (1-65535)", "host:0")]
    [InlineData("--seed: '::1:4053': write an IPv6 seed as [address]:port", "::1:4053")]
    public void A_bad_seed_says_what_is_wrong(string expected, string given) =>
        Assert.Equal(expected, Error($"--seed={given}"));

    [Fact]
    public void A_bad_seed_among_good_ones_is_an_error() =>
        Assert.StartsWith("--seed: 'b'", Error("--seed=a:1", "--seed=b"));

    [Theory]
    [InlineData("--seed")]
    [InlineData("--seed=")]
    public void Seed_without_a_value_is_an_error(string arg) =>
        Assert.Equal("--seed: missing value", Error(arg));

    [Fact]
    public void One_seed_option_takes_one_seed_only() =>
        Assert.Equal("'b:2': unexpected argument", Error("--seed", "a:1", "b:2"));

    [Fact]
    public void Node_name_is_taken_as_given() =>
        Assert.Equal(ClusterView.Defaults with { NodeName = "web-1" }, Cluster("--node-name=web-1"));

    [Fact]
    public void An_empty_node_name_is_an_error() =>
        Assert.Equal("--node-name: missing value", Error("--node-name="));

    [Theory]
    [InlineData("cluster", true)]
    [InlineData("local", false)]
    [InlineData("CLUSTER", true)]
    [InlineData("Local", false)]
    [InlineData("lOcAl", false)]
    public void Events_is_cluster_or_local_in_any_case(string given, bool clusterEvents) =>
        Assert.Equal(ClusterView.Defaults with { ClusterEvents = clusterEvents }, Cluster($"--events={given}"));

    [Theory]
    [InlineData("both")]
    [InlineData("none")]
    [InlineData("true")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("cluster,local")]
    [InlineData(" local")]
    [InlineData("local ")]
    [InlineData("")]
    public void Events_other_than_cluster_or_local_is_one_line_naming_the_option(string given) =>
        Assert.StartsWith("--events: ", Error($"--events={given}"));

    [Fact]
    public void Events_names_the_value_it_rejects() =>
        Assert.Equal("--events: 'both' is neither cluster nor local", Error("--events=both"));

    [Theory]
    [InlineData("--cluster-host=a", "--cluster-host=b")]
    [InlineData("--cluster-port=1", "--cluster-port=2")]
    [InlineData("--node-name=a", "--node-name=b")]
    [InlineData("--events=local", "--events=cluster")]
    public void A_single_valued_cluster_option_given_twice_is_an_error_naming_it(string first, string second) =>
        Assert.StartsWith(first[..first.IndexOf('=')] + ": ", Error(first, second));

    [Theory]
    [InlineData("bad host")]
    [InlineData("http://seed")]
    [InlineData("seed:4053")]
    public void A_cluster_host_that_is_not_a_host_is_an_error_naming_the_option(string given) =>
        Assert.Equal($"--cluster-host: '{given}' is not a host name or address", Error($"--cluster-host={given}"));
}
