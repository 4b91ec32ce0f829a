using System.Text;
using GwSocket.Server.AccessLog;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace GwSocket.Server.Upgrade;

/// <summary>Builds the access log entry of a request handled by <see cref="WebSocketUpgradeHandler"/>.</summary>
internal static class AccessLogEntries
{
    private const int CrLf = 2;

    public static AccessLogEntry From(HttpContext context, int status, TimeSpan elapsed)
    {
        var request = context.Request;
        var target = RawTarget(context);
        return new AccessLogEntry(
            ClientAddress.Of(context.Connection),
            DateTimeOffset.Now,
            request.Method,
            target,
            request.Protocol,
            status,
            RequestHeadBytes(request, target),
            request.Headers[HeaderNames.Referer].ToString(),
            request.Headers[HeaderNames.UserAgent].ToString(),
            elapsed);
    }

    /// <summary>The target exactly as the client wrote it, query string included.</summary>
    private static string RawTarget(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();

    /// <summary>gwsocket logs the size of the request head it read; Kestrel does not keep it, so it is recounted.</summary>
    private static long RequestHeadBytes(HttpRequest request, string target)
    {
        long bytes = request.Method.Length + 1 + Encoding.UTF8.GetByteCount(target) + 1 + request.Protocol.Length + CrLf;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
                bytes += name.Length + ": ".Length + Encoding.UTF8.GetByteCount(value ?? "") + CrLf;
        }
        return bytes + CrLf;
    }
}
