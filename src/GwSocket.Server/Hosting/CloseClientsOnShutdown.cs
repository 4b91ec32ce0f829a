using Akka.Actor;
using Akka.Hosting;
using GwSocket.Actors;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GwSocket.Server.Hosting;

/// <summary>
/// On SIGINT/SIGTERM every client gets close 1001 before anything stops: <see cref="StoppingAsync"/> runs ahead of
/// every hosted service's StopAsync, so Kestrel still serves the connections and Akka still runs their actors.
/// Then pipe-out is stopped gracefully, so that it writes every close record before the process exits.
/// </summary>
internal sealed class CloseClientsOnShutdown(ActorSystem system, ActorRegistry registry, ILogger<CloseClientsOnShutdown> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>Above PipeOutSettings.FlushTimeout, which pipe-out's PostStop may spend writing the last records.</summary>
    private static readonly TimeSpan PipeOutFlushLimit = TimeSpan.FromSeconds(5);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (!registry.TryGet<GwSocketBroker>(out var router))
            return;
        // A router that failed has closed its clients itself (with 1011) and stopped.
        if (CoordinatedShutdown.Get(system).ShutdownReason is not RouterFailed)
            await CloseAllConnectionsAsync(router, cancellationToken);
        if (registry.TryGet<PipeOut>(out var pipeOut))
            await FlushPipeOutAsync(pipeOut);
    }

    private async Task CloseAllConnectionsAsync(IActorRef router, CancellationToken cancellationToken)
    {
        try
        {
            await router.Ask<AllConnectionsClosed>(new CloseAllConnections(CloseCodes.GoingAway, "server shutting down"), Limit, cancellationToken);
        }
        catch (Exception e) when (e is AskTimeoutException or OperationCanceledException)
        {
            logger.LogWarning("some clients were still connected {Limit} after the close frames were sent", Limit);
        }
    }

    /// <summary>
    /// A PoisonPill, not a stop: it queues behind the ClientClosed events the router published before answering
    /// AllConnectionsClosed, so pipe-out handles them first; its PostStop then writes a close for any client still open.
    /// </summary>
    private async Task FlushPipeOutAsync(IActorRef pipeOut)
    {
        try
        {
            await pipeOut.GracefulStop(PipeOutFlushLimit);
        }
        catch (TaskCanceledException)
        {
            logger.LogWarning("pipe-out had not written its last records {Limit} after the clients were closed", PipeOutFlushLimit);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
