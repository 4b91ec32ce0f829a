using GwSocket.Server.CommandLine;
using GwSocket.Server.Configuration;
using GwSocket.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GwSocket.Server.Operations;

/// <summary>One line at start with the effective settings that matter to an operator.</summary>
public sealed class StartupLog(GwSocketSettings settings, ILogger<StartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var pipeIn = settings.Stdin ? "stdin" : settings.PipeIn;
        var pipeOut = settings.EchoMode ? "none (echo mode)" : settings.Stdout ? "stdout" : settings.PipeOut;
        var seeds = settings.Seeds.Count == 0 ? "none (a cluster of one)" : string.Join(",", settings.Seeds.Select(seed => $"{seed.Host}:{seed.Port}"));
        logger.LogInformation(
            "gwsocket {Version} node {Node}: listening on {Endpoint}{Tls}, {Mode} mode, pipe-in {PipeIn}, pipe-out {PipeOut}, cluster {Host}:{ClusterPort} seeds {Seeds}, events {Events}, max frame {MaxFrame} B, compression {Compression}, demo {Demo}, log level {Level}, shutdown within {Shutdown} s",
            GwSocketCommandLine.VersionText(), settings.NodeName, KestrelListeners.Describe(settings), settings.UsesTls ? " (TLS)" : "",
            settings.Strict ? "strict" : "standard", pipeIn, pipeOut, settings.EffectiveClusterHost, settings.ClusterPort, seeds,
            settings.ClusterEvents ? "cluster" : "local", settings.MaxFrameSize, settings.Compression ? $"on (from {settings.CompressionMinSize} B)" : "off", settings.Demo ? "on" : "off", settings.LogLevel,
            settings.ShutdownTimeout.TotalSeconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
