using Akka.Actor;
using GwSocket.Server.CommandLine;
using GwSocket.Server.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GwSocket.Server.Operations;

/// <summary>
/// One line once the server listens: the addresses Kestrel actually bound (<c>[::]:7890</c> for every interface)
/// and Akka.Remote bound (the port it picked when --cluster-port is 0), and the effective settings that matter to an operator.
/// </summary>
internal sealed class StartupLog(GwSocketSettings settings, IServer server, ActorSystem system, IHostApplicationLifetime lifetime, ILogger<StartupLog> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(LogStarted);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void LogStarted()
    {
        var pipeIn = settings.Stdin ? "stdin" : settings.PipeIn;
        var pipeOut = settings.EchoMode ? "none (echo mode)" : settings.Stdout ? "stdout" : settings.PipeOut;
        var cluster = settings.Seeds.Count == 0
            ? "a cluster of one"
            : "seeds " + string.Join(",", settings.Seeds.Select(seed => $"{seed.Host}:{seed.Port}"));
        logger.LogInformation(
            "{Version} started: node {Node} listening on {Endpoints}{Tls}; {Mode} mode, pipe-in {PipeIn}, pipe-out {PipeOut}; {Cluster} (cluster address {ClusterAddress}), events {Events}; max frame {MaxFrame} B; compression {Compression}; demo {Demo}; shutdown within {Shutdown} s",
            GwSocketCommandLine.VersionLine(), settings.NodeName, string.Join(", ", BoundAddresses()), settings.UsesTls ? " (TLS)" : "",
            settings.Strict ? "strict" : "standard", pipeIn, pipeOut, cluster, Akka.Cluster.Cluster.Get(system).SelfAddress.HostPort(),
            settings.ClusterEvents ? "cluster" : "local", settings.MaxFrameSize,
            settings.Compression ? $"on (from {settings.CompressionMinSize} B)" : "off", settings.Demo ? "on" : "off",
            settings.ShutdownTimeout.TotalSeconds);
    }

    /// <summary>Kestrel's bound addresses without their scheme: <c>[::]:7890</c>, <c>127.0.0.1:7890</c>, <c>unix:/run/gwsocket.sock</c>.</summary>
    private IEnumerable<string> BoundAddresses() =>
        (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(address =>
        {
            var scheme = address.IndexOf("://", StringComparison.Ordinal);
            return scheme < 0 ? address : address[(scheme + 3)..];
        });
}
