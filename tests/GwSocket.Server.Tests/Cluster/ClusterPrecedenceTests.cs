using static GwSocket.Server.Tests.CommandLineRuns;

namespace GwSocket.Server.Tests.Cluster;

/// <summary>
/// The real command line end to end, for each cluster setting:
/// command line &gt; environment &gt; --config file &gt; embedded defaults.
/// </summary>
public sealed class ClusterPrecedenceTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string ConfigFile() => _files.Write("cluster.conf", """
        gwsocket {
          cluster {
            host = "file-host"
            port = 1001
            seeds = "file-a:1001,file-b:1002"
          }
          node-name = "file-name"
          events = local
        }
        """);

    private static readonly ClusterView FromFile = new("file-host", 1001, "file-a:1001,file-b:1002", "file-name", false);

    private static readonly (string, string)[] EnvironmentValues =
    [
        ("GWSOCKET_CLUSTER_HOST", "env-host"), ("GWSOCKET_CLUSTER_PORT", "2002"), ("GWSOCKET_SEEDS", "env-a:2001"),
        ("GWSOCKET_NODE_NAME", "env-name"), ("GWSOCKET_EVENTS", "cluster"),
    ];

    private static readonly ClusterView FromEnvironment = new("env-host", 2002, "env-a:2001", "env-name", true);

    private static readonly string[] CommandLineValues =
        ["--cluster-host=cli-host", "--cluster-port=3003", "--seed=cli-a:3001", "--seed=cli-b:3002", "--node-name=cli-name", "--events=local"];

    private static readonly ClusterView FromCommandLine = new("cli-host", 3003, "cli-a:3001,cli-b:3002", "cli-name", false);

    [Fact]
    public void Nothing_given_gives_the_embedded_defaults() =>
        Assert.Equal(ClusterView.Defaults, ClusterView.Of(Settings(NoEnvironment)));

    [Fact]
    public void The_config_file_wins_over_the_embedded_defaults() =>
        Assert.Equal(FromFile, ClusterView.Of(Settings(NoEnvironment, $"--config={ConfigFile()}")));

    [Fact]
    public void The_environment_wins_over_the_embedded_defaults() =>
        Assert.Equal(FromEnvironment, ClusterView.Of(Settings(EnvironmentOf(EnvironmentValues))));

    [Fact]
    public void The_environment_wins_over_the_config_file() =>
        Assert.Equal(FromEnvironment, ClusterView.Of(Settings(EnvironmentOf(EnvironmentValues), $"--config={ConfigFile()}")));

    [Fact]
    public void The_command_line_wins_over_the_embedded_defaults() =>
        Assert.Equal(FromCommandLine, ClusterView.Of(Settings(NoEnvironment, CommandLineValues)));

    [Fact]
    public void The_command_line_wins_over_the_environment_and_the_config_file() =>
        Assert.Equal(FromCommandLine, ClusterView.Of(Settings(EnvironmentOf(EnvironmentValues), [$"--config={ConfigFile()}", .. CommandLineValues])));

    [Fact]
    public void Seeds_on_the_command_line_replace_the_environments_rather_than_add_to_them() =>
        Assert.Equal("cli-a:3001", ClusterView.Of(Settings(EnvironmentOf(("GWSOCKET_SEEDS", "env-a:2001,env-b:2002")), "--seed=cli-a:3001")).Seeds);

    [Fact]
    public void Each_setting_comes_from_the_highest_layer_that_gives_it()
    {
        var environment = EnvironmentOf(("GWSOCKET_CLUSTER_PORT", "2002"), ("GWSOCKET_SEEDS", "env-a:2001"));

        var settings = Settings(environment, $"--config={ConfigFile()}", "--seed=cli-a:3001");

        Assert.Equal(new ClusterView("file-host", 2002, "cli-a:3001", "file-name", false), ClusterView.Of(settings));
    }

    [Fact]
    public void Events_from_the_environment_lose_to_events_on_the_command_line()
    {
        Assert.False(Settings(EnvironmentOf(("GWSOCKET_EVENTS", "cluster")), "--events=local").ClusterEvents);
        Assert.True(Settings(EnvironmentOf(("GWSOCKET_EVENTS", "local")), "--events=cluster").ClusterEvents);
    }

    [Fact]
    public void Events_from_the_environment_win_over_the_config_file() =>
        Assert.True(Settings(EnvironmentOf(("GWSOCKET_EVENTS", "cluster")), $"--config={ConfigFile()}").ClusterEvents);

    [Fact]
    public void Events_from_the_config_file_stay_when_neither_the_environment_nor_the_command_line_gives_it() =>
        Assert.False(Settings(NoEnvironment, $"--config={ConfigFile()}", "--seed=a:1").ClusterEvents);

    [Theory]
    [InlineData("GWSOCKET_CLUSTER_PORT", "abc", "GWSOCKET_CLUSTER_PORT: 'abc' is not a valid port (0-65535)")]
    [InlineData("GWSOCKET_SEEDS", "seed", "GWSOCKET_SEEDS: 'seed' is not host:port")]
    [InlineData("GWSOCKET_EVENTS", "both", "GWSOCKET_EVENTS: 'both' is neither cluster nor local")]
    [InlineData("GWSOCKET_CLUSTER_HOST", "bad host", "GWSOCKET_CLUSTER_HOST: 'bad host' is not a host name or address")]
    public void A_bad_environment_value_is_one_usage_line_naming_the_variable(string name, string value, string expected) =>
        Assert.Equal(expected, Error(EnvironmentOf((name, value))));

    [Theory]
    [InlineData("gwsocket.cluster.port = 70000", "gwsocket.cluster.port: '70000' is not a valid port (0-65535)")]
    [InlineData("gwsocket.cluster.seeds = \"seed\"", "gwsocket.cluster.seeds: 'seed' is not host:port")]
    [InlineData("gwsocket.cluster.host = \"bad host\"", "gwsocket.cluster.host: 'bad host' is not a host name or address")]
    [InlineData("gwsocket.events = both", "gwsocket.events: 'both' is neither cluster nor local")]
    public void A_bad_cluster_value_in_the_config_file_names_the_file_and_the_key(string content, string expected)
    {
        var file = _files.Write("bad.conf", content);

        Assert.Equal($"--config: {file}: {expected}", Error(NoEnvironment, $"--config={file}"));
    }

    [Fact]
    public void An_empty_node_name_in_the_config_file_means_the_machine_name()
    {
        var file = _files.Write("empty-name.conf", "gwsocket.node-name = \"\"");

        Assert.Equal(Environment.MachineName, Settings(NoEnvironment, $"--config={file}").NodeName);
    }
}
