namespace GwSocket.Server.Tests.Deployment;

/// <summary>deploy/nginx.conf, the file docker-compose.yml mounts into lb, against the services it balances.</summary>
public sealed class NginxConfigTests
{
    private static NginxConfig Nginx => NginxConfig.Repository;

    private static ComposeFile Compose => ComposeFile.Repository;

    private static string UpstreamName => new Uri(Assert.Single(Nginx.Values("proxy_pass"))).Host;

    [Fact]
    public void Requests_go_to_an_upstream_defined_in_the_file()
    {
        Assert.Equal("http", new Uri(Assert.Single(Nginx.Values("proxy_pass"))).Scheme);
        Assert.Contains(UpstreamName, Nginx.Upstreams.Keys);
    }

    [Fact]
    public void The_upstream_names_every_gwsocket_service_and_nothing_else() =>
        Assert.Equal(
            Compose.GwSocketServices.Select(service => service.NetworkName).Order(),
            Nginx.Upstreams[UpstreamName].Select(server => server.Host).Order());

    [Fact]
    public void The_upstream_reaches_each_service_on_the_websocket_port_it_listens_on()
    {
        foreach (var (host, port) in Nginx.Upstreams[UpstreamName])
        {
            var service = Compose.GwSocketServices.Single(candidate => candidate.NetworkName == host);
            var settings = ComposeServiceSettings.Of(service);
            Assert.Null(settings.UnixSocket);
            Assert.Equal(settings.Port, port);
        }
    }

    [Fact]
    public void Nginx_listens_on_the_container_port_lb_publishes()
    {
        var containerPorts = Compose["lb"].Ports.Select(mapping => mapping.Split(':')[^1]).ToList();

        Assert.Contains(Assert.Single(Nginx.Values("listen")), containerPorts);
    }

    [Fact]
    public void WebSocket_upgrades_pass_through()
    {
        var headers = Nginx.Values("proxy_set_header");

        Assert.Equal("1.1", Assert.Single(Nginx.Values("proxy_http_version")));
        Assert.Contains("Upgrade $http_upgrade", headers);
        var connection = Assert.Single(headers, header => header.StartsWith("Connection ", StringComparison.Ordinal))["Connection ".Length..];
        Assert.True(connection == "upgrade" || Nginx.VariablesMappedFrom("$http_upgrade").Contains(connection),
            $"Connection {connection} is neither upgrade nor mapped from $http_upgrade");
    }

    [Theory]
    [InlineData("proxy_read_timeout")]
    [InlineData("proxy_send_timeout")]
    public void Idle_but_live_connections_outlast_the_nodes_keepalive(string directive)
    {
        var timeout = NginxConfig.Time(Assert.Single(Nginx.Values(directive)));

        foreach (var service in Compose.GwSocketServices)
        {
            var settings = ComposeServiceSettings.Of(service);
            Assert.True(timeout > settings.KeepaliveInterval + settings.KeepaliveTimeout,
                $"{directive} {timeout} drops connections that {service.Name}'s keepalive ({settings.KeepaliveInterval}) keeps alive");
        }
    }
}
