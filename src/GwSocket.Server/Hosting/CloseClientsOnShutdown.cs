using Akka.Actor;
using Akka.Hosting;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GwSocket.Server.Hosting;

/// <summary>
/// On SIGINT/SIGTERM every client gets close 1001 before anything stops: <see cref="StoppingAsync"/> runs ahead of
/// every hosted service's StopAsync, so Kestrel still serves the connections and Akka still runs their actors.
/// </summary>
public sealed class CloseClientsOnShutdown(ActorRegistry registry, ILogger<CloseClientsOnShutdown> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (!registry.TryGet<Router>(out var router))
            return;
        try
        {
            await router.Ask<AllConnectionsClosed>(new CloseAllConnections(CloseCodes.GoingAway, "server shutting down"), Limit, cancellationToken);
        }
        catch (Exception e) when (e is AskTimeoutException or OperationCanceledException)
        {
            logger.LogWarning("some clients were still connected {Limit} after the close frames were sent", Limit);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
