using Akka.Actor;
using Akka.Hosting;
using GwSocket.Actors;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using GwSocket.Server.Configuration;
using Microsoft.Extensions.Hosting;

namespace GwSocket.Server.Hosting;

/// <summary>
/// Starts pipe-out (unless --echo-mode, where gwsocket writes nothing to it) and pipe-in, after the actor system
/// and before Kestrel. A pipe path that cannot be used throws <see cref="PipeSetupException"/>.
/// </summary>
internal sealed class PipeRegistration(GwSocketSettings settings, ActorSystem system, ActorRegistry registry) : IHostedService
{
    /// <summary>Creates the FIFOs that are missing, before anything starts, so that a bad path costs one line on stderr.</summary>
    public static void EnsureFifos(GwSocketSettings settings)
    {
        if (!settings.EchoMode)
            PipeOut.EnsureFifo(settings.ToPipeOutSettings());
        PipeIngest.EnsureFifo(settings.ToPipeInSettings());
    }

    private static readonly TimeSpan SubscriptionTimeout = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var router = registry.Get<GwSocketBroker>();
        // Pipe-out first: should its path have become unusable since EnsureFifos, no pipe-in reader is left blocked in open().
        if (!settings.EchoMode)
        {
            var pipeOut = PipeOut.Create(system, settings.ToPipeOutSettings(), router);
            registry.Register<PipeOut>(pipeOut);
            // Subscribed before Kestrel accepts anyone: pipe-out's own subscription, sent when the actor starts, could
            // reach the router after a first client's message on a loaded machine, and that message would be lost.
            await router.Ask<ClientEventsSubscribed>(new SubscribeClientEvents(pipeOut, Confirm: true), SubscriptionTimeout, cancellationToken);
        }
        registry.Register<PipeIngest>(PipeIngest.Create(system, settings.ToPipeInSettings(), router));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
