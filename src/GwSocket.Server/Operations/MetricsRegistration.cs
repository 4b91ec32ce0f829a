using GwSocket.Actors.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace GwSocket.Server.Operations;

/// <summary>
/// <c>GET /metrics</c>: every instrument of the <see cref="GwSocketMeter.Name"/> meters, in Prometheus' text format,
/// written by OpenTelemetry's Prometheus exporter (counters as counters, with their _total and unit suffixes).
/// </summary>
internal static class MetricsRegistration
{
    public const string Path = "/metrics";

    public static IServiceCollection AddGwSocketMetrics(this IServiceCollection services, string nodeName)
    {
        services.AddSingleton<NodeInstruments>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("gwsocket", serviceInstanceId: nodeName))
            .WithMetrics(metrics => metrics.AddMeter(GwSocketMeter.Name).AddPrometheusExporter());
        return services;
    }

    public static IApplicationBuilder UseGwSocketMetrics(this IApplicationBuilder app)
    {
        // Created now, so that the instruments exist from the first scrape; the container disposes them at exit.
        app.ApplicationServices.GetRequiredService<NodeInstruments>();
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == Path && context.Request.Headers.Upgrade.Count == 0 && HttpMethods.IsGet(context.Request.Method));
    }
}
