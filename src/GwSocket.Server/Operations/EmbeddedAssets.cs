using Microsoft.AspNetCore.Http;

namespace GwSocket.Server.Operations;

/// <summary>The status and demo pages' files, embedded in gwsocket.dll (no CDN, nothing on disk), by request path.</summary>
internal static class EmbeddedAssets
{
    private static readonly Dictionary<string, (string Resource, string ContentType)> StatusFiles = new(StringComparer.Ordinal)
    {
        ["/status"] = ("assets/status.html", "text/html; charset=utf-8"),
        ["/status/"] = ("assets/status.html", "text/html; charset=utf-8"),
        ["/status/status.js"] = ("assets/status.js", "text/javascript; charset=utf-8"),
        ["/status/status.css"] = ("assets/status.css", "text/css; charset=utf-8"),
    };

    private static readonly Dictionary<string, (string Resource, string ContentType)> DemoFiles = new(StringComparer.Ordinal)
    {
        ["/"] = ("assets/demo.html", "text/html; charset=utf-8"),
        ["/demo.js"] = ("assets/demo.js", "text/javascript; charset=utf-8"),
    };

    public static bool IsStatusFile(string path) => StatusFiles.ContainsKey(path);

    public static bool IsDemoFile(string path) => DemoFiles.ContainsKey(path);

    public static async Task ServeAsync(HttpContext context, string path)
    {
        var (resource, contentType) = StatusFiles.TryGetValue(path, out var file) ? file : DemoFiles[path];
        await using var content = typeof(EmbeddedAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing from the build");
        context.Response.ContentType = contentType;
        context.Response.ContentLength = content.Length;
        context.Response.Headers.CacheControl = "no-cache";
        if (!HttpMethods.IsHead(context.Request.Method))
            await content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
