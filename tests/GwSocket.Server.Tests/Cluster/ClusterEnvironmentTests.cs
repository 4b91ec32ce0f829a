using System.Collections;
using GwSocket.Server.Configuration;
using static GwSocket.Server.Tests.CommandLineRuns;

namespace GwSocket.Server.Tests.Cluster;

/// <summary>ClusterEnvironment.Apply with environments given as dictionaries; the process environment is never touched.</summary>
public sealed class ClusterEnvironmentTests
{
    private static readonly GwSocketSettings Embedded = SettingsReader.Read(HoconSources.EmbeddedDefaults());

    private static ClusterView Applied(params (string Name, string Value)[] variables) =>
        ClusterView.Of(ClusterEnvironment.Apply(Embedded, EnvironmentOf(variables)));

    [Fact]
    public void An_empty_environment_changes_nothing() =>
        Assert.Equal(ClusterView.Defaults, Applied());

    [Fact]
    public void Variables_of_other_programs_change_nothing() =>
        Assert.Equal(ClusterView.Defaults, Applied(("PATH", "/usr/bin"), ("GWSOCKET_PORT", "1"), ("gwsocket_seeds", "a:1")));

    [Fact]
    public void The_process_environment_as_a_hashtable_is_read_too()
    {
        var environment = new Hashtable { [ClusterEnvironment.NodeName] = "from-hashtable" };

        Assert.Equal(ClusterView.Defaults with { NodeName = "from-hashtable" }, ClusterView.Of(ClusterEnvironment.Apply(Embedded, environment)));
    }

    [Fact]
    public void Seeds_are_host_port_pairs_separated_by_commas_in_order()
    {
        var settings = ClusterEnvironment.Apply(Embedded, EnvironmentOf(("GWSOCKET_SEEDS", "seed:4053,other:4054")));

        Assert.Equal([new SeedNode("seed", 4053), new SeedNode("other", 4054)], settings.Seeds);
        Assert.Equal(ClusterView.Defaults with { Seeds = "seed:4053,other:4054" }, ClusterView.Of(settings));
    }

    [Theory]
    [InlineData("seed:4053, other:4054")]
    [InlineData("seed:4053,other:4054,")]
    [InlineData(" seed:4053 ,other:4054")]
    public void Seeds_may_have_spaces_and_a_trailing_comma(string value) =>
        Assert.Equal("seed:4053,other:4054", Applied(("GWSOCKET_SEEDS", value)).Seeds);

    [Fact]
    public void An_ipv6_seed_is_written_in_brackets() =>
        Assert.Equal("[::1]:4053,seed:4053", Applied(("GWSOCKET_SEEDS", "[::1]:4053,seed:4053")).Seeds);

    [Fact]
    public void Cluster_host_port_node_name_and_events_are_read() =>
        Assert.Equal(
            new ClusterView("seed", 4053, "", "web-1", false),
            Applied(("GWSOCKET_CLUSTER_HOST", "seed"), ("GWSOCKET_CLUSTER_PORT", "4053"), ("GWSOCKET_NODE_NAME", "web-1"), ("GWSOCKET_EVENTS", "local")));

    [Theory]
    [InlineData("CLUSTER", true)]
    [InlineData("Local", false)]
    public void Events_is_case_insensitive(string value, bool clusterEvents) =>
        Assert.Equal(ClusterView.Defaults with { ClusterEvents = clusterEvents }, Applied(("GWSOCKET_EVENTS", value)));

    [Theory]
    [InlineData("GWSOCKET_SEEDS")]
    [InlineData("GWSOCKET_CLUSTER_HOST")]
    [InlineData("GWSOCKET_CLUSTER_PORT")]
    [InlineData("GWSOCKET_NODE_NAME")]
    [InlineData("GWSOCKET_EVENTS")]
    public void An_empty_variable_counts_as_not_set(string name)
    {
        var fromFile = Embedded with
        {
            Seeds = [new SeedNode("file", 1)], ClusterHost = "file", ClusterPort = 1, NodeName = "file", ClusterEvents = false,
        };

        var applied = ClusterEnvironment.Apply(fromFile, EnvironmentOf((name, "")));

        Assert.Equal(ClusterView.Of(fromFile), ClusterView.Of(applied));
    }

    [Theory]
    [InlineData("GWSOCKET_SEEDS", "seed")]
    [InlineData("GWSOCKET_SEEDS", "seed:0")]
    [InlineData("GWSOCKET_SEEDS", "::1:4053")]
    [InlineData("GWSOCKET_SEEDS", "seed:4053;other:4054")]
    [InlineData("GWSOCKET_SEEDS", "seed:4053,other")]
    [InlineData("GWSOCKET_CLUSTER_HOST", "bad host")]
    [InlineData("GWSOCKET_CLUSTER_HOST", "seed:4053")]
    [InlineData("GWSOCKET_CLUSTER_PORT", "abc")]
    [InlineData("GWSOCKET_CLUSTER_PORT", "-1")]
    [InlineData("GWSOCKET_CLUSTER_PORT", "65536")]
    [InlineData("GWSOCKET_EVENTS", "both")]
    [InlineData("GWSOCKET_EVENTS", "1")]
    public void A_bad_value_is_a_setting_error_naming_the_variable(string name, string value)
    {
        var error = Assert.Throws<SettingException>(() => ClusterEnvironment.Apply(Embedded, EnvironmentOf((name, value))));

        Assert.Equal(name, error.Setting);
        Assert.StartsWith($"{name}: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_bad_value_names_the_value_it_rejects()
    {
        var error = Assert.Throws<SettingException>(() => ClusterEnvironment.Apply(Embedded, EnvironmentOf(("GWSOCKET_CLUSTER_PORT", "abc"))));

        Assert.Equal("GWSOCKET_CLUSTER_PORT: 'abc' is not a valid port (0-65535)", error.Message);
    }
}
