using GwSocket.Actors.Telemetry;
using GwSocket.Server.AccessLog;
using GwSocket.Server.Upgrade;
using GwSocket.Server.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GwSocket.Server.Operations;

/// <summary>
/// The operator's HTTP endpoints on the main port: /metrics, /healthz, /readyz, the status page (/status, its feed
/// /status/ws) and, with --demo, the demo client at /. Only plain GET/HEAD requests reach them (and the feed's
/// upgrade); a plain GET/HEAD of any other path (a browser's /favicon.ico) gets an empty 404, since it is no
/// handshake at all; every other request, whatever its path, still goes to the WebSocket upgrade, as with gwsocket.
/// </summary>
internal static class OperationsEndpoints
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
                _ when !AttemptsAnUpgrade(context.Request) => NotFoundAsync(context),
                _ => next(context),
            };
        });
        return app;
    }

    /// <summary>Any header of a WebSocket handshake: such a request, however broken, is a handshake and is answered as one.</summary>
    private static bool AttemptsAnUpgrade(HttpRequest request) =>
        request.Headers.SecWebSocketKey.Count > 0
        || request.Headers.SecWebSocketVersion.Count > 0
        || request.Headers.Connection.Any(value => value?.Contains("upgrade", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>An empty 404, in the access log as every request is.</summary>
    private static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentLength = 0;
        var accessLog = context.RequestServices.GetRequiredService<IAccessLog>();
        if (accessLog.Enabled)
            accessLog.Write(AccessLogEntries.From(context, StatusCodes.Status404NotFound, TimeSpan.Zero));
        return Task.CompletedTask;
    }
}
