using Microsoft.AspNetCore.Http;

namespace GwSocket.Server.Operations;

/// <summary><c>/healthz</c>: 200 while the process serves HTTP. <c>/readyz</c>: 200 when <see cref="Readiness"/> has no problem, else 503 listing them.</summary>
internal static class HealthEndpoints
{
    public static Task AliveAsync(HttpContext context) => PlainAsync(context, StatusCodes.Status200OK, "alive\n");

    public static Task ReadyAsync(HttpContext context, Readiness readiness)
    {
        var problems = readiness.Problems();
        return problems.Count == 0
            ? PlainAsync(context, StatusCodes.Status200OK, "ready\n")
            : PlainAsync(context, StatusCodes.Status503ServiceUnavailable, $"not ready: {string.Join("; ", problems)}\n");
    }

    private static Task PlainAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(body);
    }
}
