using System.Diagnostics;
using GwSocket.Actors.Connections;
using GwSocket.Protocol;
using GwSocket.Server.AccessLog;
using GwSocket.Server.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace GwSocket.Server.Upgrade;

/// <summary>
/// The requests that reach Kestrel's HTTP stack and no operations endpoint, whatever their path: answered as an
/// upgrade request, as gwsocket does. Most are refusals (a plain GET gets 400). <see cref="WebSocketListener"/>
/// takes the upgrades that open a connection below HTTP; the rare one that comes here (behind an earlier request
/// on a keep-alive connection) is still served, through Kestrel's upgraded stream.
/// </summary>
internal sealed class WebSocketUpgradeHandler(
    UpgradeAdmission admission, ClientConnections connections, ConnectionGuards guards, NetworkPipeUpgrade pipes, IAccessLog accessLog)
{
    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        if (pipes.Handles(context.Request.Path.Value))
        {
            await HandlePipeAsync(context);
            if (accessLog.Enabled)
                accessLog.Write(AccessLogEntries.From(context, context.Response.StatusCode, Stopwatch.GetElapsedTime(started)));
            return;
        }
        var status = Admit(context, out var upgrade);
        if (upgrade is not null)
        {
            try
            {
                var deflate = connections.NegotiateDeflate(context.Request.Headers.SecWebSocketExtensions);
                var transport = Accept(context, upgrade, deflate?.ResponseHeaderValue);
                await connections.ServeAsync(transport, socket: null, response: null, new ClientEndpoint(ClientAddress.Of(context.Connection), context.Connection.RemotePort), deflate);
                AbortUnlessUpgraded(context, transport);
            }
            finally
            {
                guards.Slots.Release();
            }
        }
        if (accessLog.Enabled)
            accessLog.Write(AccessLogEntries.From(context, status, Stopwatch.GetElapsedTime(started)));
    }

    /// <summary>The network pipe behind an earlier request on the same connection: the same admission as below HTTP.</summary>
    private async Task HandlePipeAsync(HttpContext context)
    {
        var peer = $"{ClientAddress.Of(context.Connection)}:{context.Connection.RemotePort}";
        var feature = context.Features.Get<IHttpUpgradeFeature>();
        var status = pipes.Admit(HandshakeRequests.From(context.Request), context.Request.Headers.Authorization.ToString(), peer);
        if (status == StatusCodes.Status101SwitchingProtocols && feature is { IsUpgradableRequest: true })
        {
            var transport = Accept(context, feature, extensions: null);
            await pipes.ServeAsync(transport, context.Request.QueryString.Value?.TrimStart('?') ?? "", peer);
            AbortUnlessUpgraded(context, transport);
            return;
        }
        if (status == StatusCodes.Status101SwitchingProtocols)
        {
            pipes.Release();
            status = StatusCodes.Status400BadRequest;
        }
        if (status == StatusCodes.Status401Unauthorized)
            context.Response.Headers.WWWAuthenticate = "Bearer";
        context.Response.StatusCode = status;
        context.Response.Headers.Connection = "close";
    }

    /// <summary>The status to answer: a refusal, or 101 with <paramref name="upgrade"/> set and a client slot taken.</summary>
    private int Admit(HttpContext context, out IHttpUpgradeFeature? upgrade)
    {
        upgrade = null;
        var request = HandshakeRequests.From(context.Request);
        var client = ClientAddress.Of(context.Connection);
        var feature = context.Features.Get<IHttpUpgradeFeature>();
        var status = feature is not { IsUpgradableRequest: true } && Handshake.Validate(request).IsAccepted
            ? admission.Refuse(StatusCodes.Status400BadRequest, "request cannot be upgraded", client)
            : admission.Admit(request, context.Request.Headers.Origin.ToString(), hasBody: false, client);
        if (status == StatusCodes.Status101SwitchingProtocols)
        {
            upgrade = feature;
            return status;
        }
        if (status == StatusCodes.Status426UpgradeRequired)
            context.Response.Headers[HeaderNames.SecWebSocketVersion] = Handshake.SupportedVersion;
        context.Response.StatusCode = status;
        // One request per connection, as gwsocket: whatever follows a refusal is not read.
        context.Response.Headers.Connection = "close";
        return status;
    }

    /// <summary>The 101's headers; Kestrel sends it at the transport's first flush, once the connection is registered.</summary>
    private static HttpUpgradeTransport Accept(HttpContext context, IHttpUpgradeFeature upgrade, string? extensions)
    {
        var key = context.Request.Headers[HeaderNames.SecWebSocketKey].ToString();
        context.Response.Headers[HeaderNames.SecWebSocketAccept] = Handshake.ComputeAcceptKey(key);
        if (extensions is not null)
            context.Response.Headers.SecWebSocketExtensions = extensions;
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.Connection = "Upgrade";
        return new HttpUpgradeTransport(upgrade);
    }

    /// <summary>A connection that ended before its 101 went out gets no response at all, as below HTTP.</summary>
    private static void AbortUnlessUpgraded(HttpContext context, HttpUpgradeTransport transport)
    {
        if (!transport.UpgradeStarted)
            context.Abort();
    }
}
