using System.Diagnostics;
using System.Net;
using GwSocket.Server.AccessLog;
using GwSocket.Server.Upgrade;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace GwSocket.Server.Limits;

/// <summary>
/// Connection middleware (after TLS): closes a connection whose request has not reached the upgrade handler within
/// the handshake timeout (slowloris), and writes the access log line of every request the handler never saw:
/// the 408 of a timeout, and what Kestrel answered itself (431 for a request head over the limit, 400 for one it
/// cannot parse). A connection that sends nothing and leaves before the timeout is not a request and is not logged.
/// </summary>
internal sealed class HandshakeWatch(TimeSpan timeout, IAccessLog accessLog)
{
    public async Task RunAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var trace = new HandshakeTrace();
        // A feature, not an item: Kestrel keeps a list for its own features anyway, while the first item creates a
        // dictionary that an upgraded connection would hold for its whole life.
        connection.Features.Set(trace);
        var transport = connection.Transport;
        connection.Transport = new ObservedTransport(transport, trace);
        trace.StartDeadline(timeout, () => TimeOut(connection, trace));
        try
        {
            await next(connection);
        }
        finally
        {
            trace.StopDeadline();
            connection.Transport = transport;
        }
        if (Unlogged(trace) is { } status)
            accessLog.Write(Entry(connection, trace, status));
    }

    /// <summary>
    /// First middleware of the application: a request that reaches it is the application's to answer and log
    /// (upgrade, refusal or operations endpoint), and so is every later request of a keep-alive connection; one whose
    /// handshake already timed out is being closed, and its 408 logged, here.
    /// </summary>
    public static Task ClaimRequestAsync(HttpContext context, RequestDelegate next) =>
        HandshakeTrace.Of(context) is { } trace && !trace.TryHandle() && trace.HasTimedOut ? Task.CompletedTask : next(context);

    private static void TimeOut(ConnectionContext connection, HandshakeTrace trace)
    {
        if (trace.TryTimeOut())
            connection.Abort(new ConnectionAbortedException("handshake timeout"));
    }

    /// <summary>The status to log for a request the handler never saw, or null when there is nothing to log.</summary>
    private static int? Unlogged(HandshakeTrace trace) =>
        trace.HasTimedOut ? StatusCodes.Status408RequestTimeout
        : trace.Observing ? trace.ResponseStatus
        : null;

    private static AccessLogEntry Entry(ConnectionContext connection, HandshakeTrace trace, int status)
    {
        var parts = (trace.RequestLine ?? "").Split(' ', 3);
        return new AccessLogEntry(
            ClientAddress.Of((connection.RemoteEndPoint as IPEndPoint)?.Address),
            DateTimeOffset.Now,
            parts[0],
            parts.Length > 1 ? parts[1] : "",
            parts.Length > 2 ? parts[2] : "",
            status,
            trace.RequestBytes,
            Referer: null,
            UserAgent: null,
            Stopwatch.GetElapsedTime(trace.StartTimestamp));
    }
}
