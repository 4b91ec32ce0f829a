using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Configuration;
using Akka.Remote;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using GwSocket.Server.AccessLog;
using GwSocket.Server.Configuration;
using GwSocket.Server.Limits;
using GwSocket.Server.Operations;
using GwSocket.Server.Upgrade;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GwSocket.Server.Hosting;

/// <summary>Runs the server until SIGINT/SIGTERM; returns the process exit code.</summary>
internal static class GwSocketServer
{
    private const int CannotStart = 1;
    private const int Failed = 1;
    private const int BadSetting = 2;

    // A node that takes over a dead node's clients gets them all at once: the kernel queues this many connections
    // for accept (capped at net.core.somaxconn) where Kestrel's 512 would drop SYNs, which clients resend 1 s, 3 s later.
    private const int ListenBacklog = 65535;

    public static async Task<int> RunAsync(GwSocketSettings settings, Config hocon, CancellationToken cancellationToken = default)
    {
        X509Certificate2? certificate;
        IAccessLog accessLog;
        PipeToken pipeToken;
        try
        {
            certificate = TlsCertificate.Load(settings);
            pipeToken = PipeToken.Load(settings);
            PipeRegistration.EnsureFifos(settings);
            accessLog = settings.AccessLog is null ? new NoAccessLog() : AccessLogWriter.Open(settings.AccessLog);
        }
        catch (SettingException e)
        {
            return Fail(e.Message, BadSetting);
        }
        catch (PipeSetupException e)
        {
            return Fail(e.Message, CannotStart);
        }

        if (ListenCheck.Problem(settings) is { } listenProblem)
            return Fail($"cannot listen on {KestrelListeners.Describe(settings)}: {listenProblem}", CannotStart);

        WebApplication app;
        try
        {
            // Building resolves the actor system too (Kestrel's options need it): the cluster port is bound here.
            app = Build(settings, hocon, certificate, accessLog, pipeToken);
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e)
        {
            // The process ends here: stopping the half-started host would only add log lines around the one that matters.
            return Fail(StartFailure(e, settings), CannotStart);
        }
        try
        {
            await using (app)
            {
                await app.WaitForShutdownAsync(cancellationToken);
                app.Services.GetRequiredService<ShutdownLog>().LogDone();
                if (CoordinatedShutdown.Get(app.Services.GetRequiredService<ActorSystem>()).ShutdownReason is RouterFailed failed)
                    return Fail($"stopped: {failed}", Failed);
            }
        }
        finally
        {
            (accessLog as IDisposable)?.Dispose();
        }
        return 0;
    }

    private static WebApplication Build(GwSocketSettings settings, Config hocon, X509Certificate2? certificate, IAccessLog accessLog, PipeToken pipeToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "gwsocket" });
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration()
            .ConfigureKestrel(kestrel => KestrelListeners.Configure(
                kestrel,
                settings,
                certificate,
                kestrel.ApplicationServices.GetRequiredService<ConnectionGuards>(),
                kestrel.ApplicationServices.GetRequiredService<WebSocketListener>()));
        builder.WebHost.UseSockets(sockets =>
        {
            sockets.Backlog = ListenBacklog;
            sockets.UnsafePreferInlineScheduling = InlineIoScheduling.AppliesTo(settings);
        });
        builder.Logging.AddGwSocketLogging(settings.LogLevel, settings.LogFormat);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = settings.ShutdownTimeout);
        builder.Services.Configure<ConsoleLifetimeOptions>(console => console.SuppressStatusMessages = true);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(accessLog);
        builder.Services.AddSingleton<ConnectionGuards>();
        builder.Services.AddSingleton<HandshakeRejections>();
        builder.Services.AddSingleton<UpgradeAdmission>();
        builder.Services.AddSingleton<ClientConnections>();
        builder.Services.AddSingleton(pipeToken);
        builder.Services.AddSingleton<NetworkPipeUpgrade>();
        builder.Services.AddSingleton<WebSocketListener>();
        builder.Services.AddSingleton<WebSocketUpgradeHandler>();
        builder.Services.AddGwSocketAkka(settings, hocon);
        // Registered after Akka and started before Kestrel, which WebApplication starts after every hosted service.
        builder.Services.AddHostedService<PipeRegistration>();
        builder.Services.AddGwSocketOperations(settings);
        // After the pipes, so that the stats collector finds them.
        builder.Services.AddHostedService<TelemetryRegistration>();
        // Its StoppingAsync runs before Kestrel and Akka stop anything, so every client gets close 1001 first.
        builder.Services.AddHostedService<CloseClientsOnShutdown>();
        builder.Services.AddSingleton<ShutdownLog>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ShutdownLog>());

        var app = builder.Build();
        app.Use(HandshakeWatch.ClaimRequestAsync);
        app.UseGwSocketOperations(settings);
        app.Run(context => context.RequestServices.GetRequiredService<WebSocketUpgradeHandler>().HandleAsync(context));
        return app;
    }

    /// <summary>One line for a failure the user can fix (a port in use); anything else with its stack, to say where it came from.</summary>
    private static string StartFailure(Exception e, GwSocketSettings settings)
    {
        if (ListenFailure(e) is { } reason)
            return $"cannot listen on {KestrelListeners.Describe(settings)}: {reason}";
        if (Causes(e).OfType<RemoteTransportException>().FirstOrDefault() is { } remoting)
        {
            var cause = Causes(remoting).OfType<SocketException>().FirstOrDefault() is { SocketErrorCode: SocketError.AddressAlreadyInUse }
                ? "address already in use"
                : (remoting.InnerException ?? remoting).Message;
            return $"cannot listen on the cluster address {settings.EffectiveClusterHost}:{settings.ClusterPort} (--cluster-port): {cause}";
        }
        return $"cannot start: {e.Message}{Environment.NewLine}{e}";
    }

    /// <summary>The exception and every exception under it, through aggregates.</summary>
    private static IEnumerable<Exception> Causes(Exception e)
    {
        yield return e;
        IEnumerable<Exception> inner = e is AggregateException aggregate ? aggregate.InnerExceptions : e.InnerException is { } one ? [one] : [];
        foreach (var cause in inner.SelectMany(Causes))
            yield return cause;
    }

    private static string? ListenFailure(Exception e) => e switch
    {
        AddressInUseException or { InnerException: AddressInUseException } => "address already in use",
        SocketException or UnauthorizedAccessException => e.Message,
        IOException => (e.InnerException ?? e).Message,
        _ => null,
    };

    private static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine($"gwsocket: {message}");
        return exitCode;
    }
}
