using GwSocket.Server.CommandLine;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.Tests.Deployment;

/// <summary>docker-compose.yml as users run it: its commands through the real command line, its names resolving to its own services.</summary>
public sealed class DockerComposeTests
{
    private const string PipeTokenSecret = "pipe-token";

    private static ComposeFile Compose => ComposeFile.Repository;

    private static bool NginxListensOn7890() => File.ReadAllText(RepositoryRoot.File("deploy/nginx.conf")).Contains("listen 7890;", StringComparison.Ordinal);

    public static TheoryData<string> GwSocketServiceNames() => [.. Compose.GwSocketServices.Select(service => service.Name)];

    [Fact]
    public void The_file_has_two_seeds_a_node_service_and_a_load_balancer()
    {
        Assert.Contains("seed1", Compose.Services.Keys);
        Assert.Contains("seed2", Compose.Services.Keys);
        Assert.Contains("node", Compose.Services.Keys);
        Assert.Contains("lb", Compose.Services.Keys);
    }

    [Fact]
    public void The_load_balancer_is_a_pinned_nginx_that_knows_resolve()
    {
        var image = Compose["lb"].Image ?? "";
        var match = System.Text.RegularExpressions.Regex.Match(image, @"^nginx:(\d+)\.(\d+)\.(\d+)$");

        Assert.True(match.Success, $"lb's image '{image}' is not pinned to a version nginx:X.Y.Z");
        var version = new Version(int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value), int.Parse(match.Groups[3].Value));
        Assert.True(version >= new Version(1, 27, 3), $"deploy/nginx.conf's \"resolve\" needs nginx 1.27.3 or later, not {version}");
    }

    [Fact]
    public void Seeds_and_node_are_built_from_the_repository_and_lb_is_not()
    {
        Assert.Equal(["node", "seed1", "seed2"], Compose.GwSocketServices.Select(service => service.Name).Order());
        Assert.Null(Compose["lb"].Build);
    }

    [Theory]
    [MemberData(nameof(GwSocketServiceNames))]
    public void The_build_context_holds_the_dockerfile(string name)
    {
        var context = Assert.IsType<string>(Compose[name].Build);

        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, context, "Dockerfile")), $"{name}: no Dockerfile in build context '{context}'");
    }

    [Theory]
    [MemberData(nameof(GwSocketServiceNames))]
    public void The_command_with_the_environment_runs_the_server_under_the_real_command_line(string name)
    {
        var service = Compose[name];

        Assert.NotNull(service.Command);
        var outcome = ComposeServiceSettings.Outcome(service);

        Assert.True(outcome is CommandLineOutcome.RunServer, $"{name}: {outcome}");
    }

    [Theory]
    [MemberData(nameof(GwSocketServiceNames))]
    public void Every_node_is_strict_and_keeps_its_pipes_as_fifos_for_docker_compose_exec(string name)
    {
        var settings = ComposeServiceSettings.Of(Compose[name]);

        Assert.True(settings.Strict, $"{name} is not in strict mode");
        Assert.False(settings.Stdin, $"{name} reads stdin, which docker compose exec cannot reach");
        Assert.False(settings.Stdout, $"{name} writes stdout, which docker compose exec cannot reach");
        Assert.False(settings.EchoMode);
        Assert.Null(settings.UnixSocket);
    }

    [Theory]
    [MemberData(nameof(GwSocketServiceNames))]
    public void Every_node_joins_a_cluster_on_a_fixed_remoting_port(string name)
    {
        var settings = ComposeServiceSettings.Of(Compose[name]);

        Assert.NotEmpty(settings.Seeds);
        Assert.NotEqual(0, settings.ClusterPort);
        Assert.True(settings.ClusterEvents, $"{name}: every node's pipe-out should show the whole cluster");
    }

    [Fact]
    public void The_node_service_needs_no_settings_of_its_own_per_replica()
    {
        var node = Compose["node"];
        var settings = ComposeServiceSettings.Of(node);

        Assert.DoesNotContain(node.Command!, argument => argument.StartsWith("--node-name", StringComparison.Ordinal));
        Assert.DoesNotContain(node.Command!, argument => argument.StartsWith("--cluster-host", StringComparison.Ordinal));
        Assert.DoesNotContain(ClusterEnvironment.NodeName, node.Environment.Keys);
        Assert.DoesNotContain(ClusterEnvironment.ClusterHost, node.Environment.Keys);
        Assert.Null(node.Hostname);
        Assert.Null(node.ContainerName);
        Assert.Empty(node.Ports);
        Assert.Null(settings.ClusterHost);
        Assert.Equal(Environment.MachineName, settings.NodeName);
        Assert.Equal(System.Net.Dns.GetHostName(), settings.EffectiveClusterHost);
    }

    [Fact]
    public void The_node_service_is_scaled_to_make_three_nodes_in_all()
    {
        Assert.True(Compose["node"].Replicas >= 1);
        Assert.Equal(3, Compose.GwSocketServices.Sum(service => service.Replicas));
    }

    [Theory]
    [MemberData(nameof(GwSocketServiceNames))]
    public void Every_seed_is_a_service_of_the_file_at_the_address_and_cluster_port_it_uses_itself(string name)
    {
        foreach (var seed in ComposeServiceSettings.Of(Compose[name]).Seeds)
        {
            var seedService = Compose.Services.Values.SingleOrDefault(service => service.NetworkName == seed.Host);
            Assert.True(seedService is not null, $"{name}: seed {seed} names no service of docker-compose.yml");
            Assert.NotNull(seedService.Build);
            Assert.Equal(1, seedService.Replicas);
            var seedSettings = ComposeServiceSettings.Of(seedService);
            // Akka admits a node only through a seed whose address is exactly the seed node's own.
            Assert.Equal(seed.Port, seedSettings.ClusterPort);
            Assert.Equal(seed.Host, seedSettings.EffectiveClusterHost);
        }
    }

    [Fact]
    public void The_first_seed_of_every_node_lists_itself_first_so_the_cluster_can_form()
    {
        var firstSeeds = Compose.GwSocketServices.Select(service => ComposeServiceSettings.Of(service).Seeds[0]).Distinct().ToList();

        var first = Assert.Single(firstSeeds);
        var founder = Compose.Services.Values.Single(service => service.NetworkName == first.Host);
        Assert.Equal(first, ComposeServiceSettings.Of(founder).Seeds[0]);
    }

    [Fact]
    public void Every_node_lists_every_seed_so_that_a_restarted_seed_rejoins_the_running_cluster_instead_of_founding_its_own()
    {
        var everySeed = Compose.GwSocketServices.SelectMany(service => ComposeServiceSettings.Of(service).Seeds).Distinct().ToList();

        Assert.True(everySeed.Count >= 2, $"a single seed that restarts alone forms a second cluster: [{string.Join(", ", everySeed)}]");
        foreach (var service in Compose.GwSocketServices)
        {
            Assert.Equal(everySeed.Select(seed => seed.ToString()).Order(), ComposeServiceSettings.Of(service).Seeds.Select(seed => seed.ToString()).Order());
        }
    }

    [Fact]
    public void Named_volumes_are_declared_at_the_top_level()
    {
        foreach (var service in Compose.Services.Values)
        {
            foreach (var volume in service.Volumes)
            {
                var source = volume.Split(':')[0];
                if (!source.StartsWith('.') && !source.StartsWith('/') && !source.StartsWith('~'))
                    Assert.True(Compose.Volumes.Contains(source), $"{service.Name}: volume '{source}' is not declared under volumes:");
            }
        }
    }

    [Fact]
    public void Depends_on_names_services_of_the_file()
    {
        foreach (var service in Compose.Services.Values)
        {
            foreach (var dependency in service.DependsOn)
                Assert.True(Compose.Services.ContainsKey(dependency), $"{service.Name} depends on unknown service '{dependency}'");
        }
    }

    [Fact]
    public void Lb_is_nginx_with_the_repositorys_config_mounted_read_only()
    {
        var lb = Compose["lb"];

        Assert.StartsWith("nginx", lb.Image);
        Assert.Contains("./deploy/nginx.conf:/etc/nginx/nginx.conf:ro", lb.Volumes);
        Assert.True(File.Exists(RepositoryRoot.File("deploy/nginx.conf")));
        Assert.Equal(Compose.GwSocketServices.Select(service => service.Name).Order(), lb.DependsOn.Order());
    }

    [Theory]
    [MemberData(nameof(GwSocketServiceNames))]
    public void Every_node_serves_the_network_pipe_with_the_secret_docker_mounts(string name)
    {
        var service = Compose[name];
        var settings = ComposeServiceSettings.Of(service);

        Assert.Equal(ComposeSecrets.StandIn(ComposeSecrets.MountDirectory + PipeTokenSecret), settings.PipeTokenFile);
        Assert.Contains(PipeTokenSecret, service.Secrets);
    }

    [Fact]
    public void The_pipe_secret_comes_from_a_file_kept_out_of_git_and_of_the_image()
    {
        Assert.Equal("./pipe-token", Compose.SecretFiles[PipeTokenSecret]);
        Assert.Contains("pipe-token", File.ReadAllLines(RepositoryRoot.File(".gitignore")));
        Assert.Contains("pipe-token", File.ReadAllLines(RepositoryRoot.File(".dockerignore")));
    }

    [Theory]
    [InlineData("producer", false)]
    [InlineData("watcher", true)]
    public void Producer_and_watcher_run_gwsocket_pipe_through_the_load_balancer_with_the_secret(string name, bool events)
    {
        var service = Compose[name];
        Assert.NotNull(service.Build);
        Assert.Equal(["sh", "-c"], service.Entrypoint);
        Assert.Contains(PipeTokenSecret, service.Secrets);
        Assert.Contains("lb", service.DependsOn);
        var script = Assert.Single(service.Command!);

        // The gwsocket pipe command of the shell line, through the real parser, its secret standing in for the mounted one.
        var words = script[(script.IndexOf("dotnet gwsocket.dll pipe ", StringComparison.Ordinal) + "dotnet gwsocket.dll pipe ".Length)..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(word => word is not ("|" or "<")).ToList();
        var arguments = words.Select(word => word.StartsWith("--token-file=", StringComparison.Ordinal)
            ? "--token-file=" + ComposeSecrets.StandIn(word["--token-file=".Length..]) : word).ToList();
        var (settings, error, _) = new GwSocket.Server.PipeClient.PipeClientOptions().Parse(arguments);

        Assert.True(settings is not null, $"{name}: gwsocket pipe {string.Join(' ', words)}: {error}");
        Assert.Equal(new Uri("ws://lb:7890/gwsocket/pipe"), settings.Url);
        Assert.Equal(events, settings.Events);
        Assert.Equal(!events, settings.Strict);
        Assert.Contains($"--token-file={ComposeSecrets.MountDirectory}{PipeTokenSecret}", words);
        Assert.True(Compose["lb"].Ports.Contains("7890:7890") && NginxListensOn7890(), "the URL's lb:7890 is nginx's port");
    }

    [Fact]
    public void Lb_publishes_the_websocket_port_that_gwsocket_users_expect() =>
        Assert.Contains("7890:7890", Compose["lb"].Ports);
}
