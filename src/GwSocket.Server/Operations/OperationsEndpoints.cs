using GwSocket.Actors.Telemetry;
using GwSocket.Server.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GwSocket.Server.Operations;

/// <summary>
/// The operator's HTTP endpoints on the main port: /metrics, /healthz, /readyz, the status page (/status, its feed
/// /status/ws) and, with --demo, the demo client at /. Only plain GET/HEAD requests reach them (and the feed's
/// upgrade); every other request, whatever its path, still goes to the WebSocket upgrade, as with gwsocket.
/// </summary>
public static class OperationsEndpoints
{
    public const string StatusFeedPath = "/status/ws";

    public static IServiceCollection AddGwSocketOperations(this IServiceCollection services, GwSocketSettings settings)
    {
        services.AddSingleton<StatsBoard>();
        services.AddGwSocketMetrics(settings.NodeName);
        services.AddSingleton<Readiness>();
        services.AddSingleton<StatusFeed>();
        services.AddHostedService<StartupLog>();
        return services;
    }

    public static WebApplication UseGwSocketOperations(this WebApplication app, GwSocketSettings settings)
    {
        app.UseGwSocketMetrics();
        var readiness = app.Services.GetRequiredService<Readiness>();
        var feed = app.Services.GetRequiredService<StatusFeed>();
        app.Use((context, next) =>
        {
            var path = context.Request.Path.Value ?? "/";
            var upgrade = context.Request.Headers.Upgrade.Count > 0;
            if (upgrade)
                return path == StatusFeedPath ? feed.HandleAsync(context) : next(context);
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
                return next(context);
            return path switch
            {
                "/healthz" => HealthEndpoints.AliveAsync(context),
                "/readyz" => HealthEndpoints.ReadyAsync(context, readiness),
                _ when EmbeddedAssets.IsStatusFile(path) => EmbeddedAssets.ServeAsync(context, path),
                _ when settings.Demo && EmbeddedAssets.IsDemoFile(path) => EmbeddedAssets.ServeAsync(context, path),
                _ => next(context),
            };
        });
        return app;
    }
}
