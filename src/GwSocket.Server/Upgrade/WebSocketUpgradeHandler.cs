using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using GwSocket.Server.AccessLog;
using GwSocket.Server.Configuration;
using GwSocket.Server.Limits;
using GwSocket.Server.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace GwSocket.Server.Upgrade;

/// <summary>
/// Every request, whatever its path: check the opening handshake (RFC 6455 4.2.1) and the origin, answer 101,
/// and hand the upgraded stream to a new ConnectionActor until the connection is over.
/// </summary>
public sealed class WebSocketUpgradeHandler(
    GwSocketSettings settings,
    ActorSystem system,
    ActorRegistry registry,
    IAccessLog accessLog,
    ConnectionGuards guards,
    IHostApplicationLifetime lifetime,
    ILogger<WebSocketUpgradeHandler> logger)
{
    private readonly ConnectionSettings _connectionSettings = settings.ToConnectionSettings();
    private readonly ConnectionHosts _hosts = new(system, settings.KeepaliveInterval);

    // The connection's whole life is one suspended state machine (this one): the helpers return tasks without awaiting.
    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var status = Admit(context, out var upgrade);
        if (upgrade is not null)
        {
            try
            {
                var transport = await AcceptAsync(context, upgrade);
                await ServeAsync(transport, new ClientEndpoint(ClientAddress.Of(context.Connection), context.Connection.RemotePort));
            }
            finally
            {
                guards.Slots.Release();
            }
        }
        if (accessLog.Enabled)
            accessLog.Write(AccessLogEntries.From(context, status, Stopwatch.GetElapsedTime(started)));
    }

    /// <summary>The status to answer: a refusal, or 101 with <paramref name="upgrade"/> set and a client slot taken.</summary>
    private int Admit(HttpContext context, out IHttpUpgradeFeature? upgrade)
    {
        upgrade = null;
        var handshake = Handshake.Validate(HandshakeRequests.From(context.Request));
        switch (handshake.Status)
        {
            case HandshakeStatus.UpgradeRequired:
                context.Response.Headers[HeaderNames.SecWebSocketVersion] = Handshake.SupportedVersion;
                return Reject(context, StatusCodes.Status426UpgradeRequired, handshake.Reason);
            case HandshakeStatus.BadRequest:
                return Reject(context, StatusCodes.Status400BadRequest, handshake.Reason);
        }
        if (!OriginPolicy.Allows(settings.Origin, context.Request.Headers.Origin.ToString()))
            return Reject(context, StatusCodes.Status403Forbidden, "origin not allowed");
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            return Reject(context, StatusCodes.Status503ServiceUnavailable, "server shutting down");
        if (context.Features.Get<IHttpUpgradeFeature>() is not { IsUpgradableRequest: true } feature)
            return Reject(context, StatusCodes.Status400BadRequest, "request cannot be upgraded");
        if (!guards.Slots.TryTake())
            return Reject(context, StatusCodes.Status503ServiceUnavailable, "--max-connections reached");
        upgrade = feature;
        return StatusCodes.Status101SwitchingProtocols;
    }

    private static Task<Stream> AcceptAsync(HttpContext context, IHttpUpgradeFeature upgrade)
    {
        var key = context.Request.Headers[HeaderNames.SecWebSocketKey].ToString();
        context.Response.Headers[HeaderNames.SecWebSocketAccept] = Handshake.ComputeAcceptKey(key);
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.Connection = "Upgrade";
        return upgrade.UpgradeAsync();
    }

    /// <summary>The actor owns the stream from here; the task ends with the connection, and then Kestrel closes the socket.</summary>
    private Task ServeAsync(Stream transport, ClientEndpoint client)
    {
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = registry.Get<Router>();
        _hosts.Start(ConnectionActor.Props(transport, client, _connectionSettings, router, completed).WithMailbox(ConnectionMailbox.Id));
        // The actor completes the task itself; a terminated actor system cannot, so it ends the wait too.
        return Task.WhenAny(completed.Task, system.WhenTerminated);
    }

    private int Reject(HttpContext context, int status, string? reason)
    {
        logger.LogDebug("{Status} for {Client}: {Reason}", status, ClientAddress.Of(context.Connection), reason);
        HandshakeRejections.Record(status);
        context.Response.StatusCode = status;
        // One request per connection, as gwsocket: whatever follows a refusal is not read.
        context.Response.Headers.Connection = "close";
        return status;
    }
}
