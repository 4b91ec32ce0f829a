using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using GwSocket.Actors.Connections;
using GwSocket.Protocol.Http;
using GwSocket.Server.AccessLog;
using GwSocket.Server.Configuration;
using GwSocket.Server.Limits;
using GwSocket.Server.Operations;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace GwSocket.Server.Upgrade;

/// <summary>
/// Connection middleware, after TLS: reads the first request head of a connection without consuming it. A WebSocket
/// upgrade is answered here and the connection's transport handed to a ConnectionActor, so nothing of Kestrel's
/// HTTP machinery lives under the WebSocket; anything else (the operations endpoints, the status feed, a head this
/// parser leaves to a full HTTP server) goes on to Kestrel's HTTP stack with every byte still unread.
/// </summary>
internal sealed class WebSocketListener(
    GwSocketSettings settings,
    UpgradeAdmission admission,
    ClientConnections connections,
    ConnectionGuards guards,
    NetworkPipeUpgrade pipes,
    IAccessLog accessLog)
{
    // Enough for the 101 with a permessage-deflate answer.
    private const int SwitchingProtocolsBytes = 256;

    public async Task RunAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var head = await ReadUpgradeHeadAsync(connection.Transport.Input);
        if (head is null)
        {
            await next(connection);
            return;
        }
        // A handshake that timed out meanwhile is being closed; the watch logs its 408.
        if (HandshakeTrace.Of(connection) is { } trace && !trace.TryHandle())
            return;
        // The connection is ours from here: the observers of the handshake are dropped with it.
        var transport = connection.Transport = ObservedTransport.Unwrap(connection.Transport);
        var remote = connection.RemoteEndPoint as IPEndPoint;
        var client = new ClientEndpoint(ClientAddress.Of(remote?.Address), remote?.Port ?? 0);
        if (pipes.Handles(head.Path))
        {
            await ServePipeAsync(transport, head, client);
            return;
        }
        var status = admission.Admit(head.ToHandshakeRequest(), head.Origin, head.HasBody, client.RemoteIp);
        // Only what the access log line needs outlives the handshake.
        var logged = accessLog.Enabled ? new PendingAccessLogEntry(head, client.RemoteIp, status) : null;
        // One state machine for the connection's whole life: this one (an idle connection keeps it, suspended).
        if (status == StatusCodes.Status101SwitchingProtocols)
        {
            try
            {
                var deflate = connections.NegotiateDeflate(head.SecWebSocketExtensions);
                // Not sent yet: the connection's actor sends it once the router knows the client, so that a client
                // with its 101 gets every record pipe-in carries from then on.
                var response = new ArrayBufferWriter<byte>(SwitchingProtocolsBytes);
                HandshakeResponses.WriteSwitchingProtocols(response, head.SecWebSocketKey, deflate?.ResponseHeaderValue);
                await connections.ServeAsync(transport, OwnSocket(connection), response.WrittenSpan.ToArray(), client, deflate);
            }
            finally
            {
                guards.Slots.Release();
            }
        }
        else
        {
            await RefuseAsync(transport, status);
        }
        if (logged is not null)
            accessLog.Write(logged.Finish());
    }

    /// <summary>
    /// The connection's socket, which its actor may write frames into from their own arrays instead of copying them
    /// into Kestrel's output pipe: not under TLS, where the pipe is what encrypts them.
    /// </summary>
    private Socket? OwnSocket(ConnectionContext connection) =>
        settings.UsesTls ? null : connection.Features.Get<IConnectionSocketFeature>()?.Socket;

    /// <summary>The network pipe: its own admission (bearer token first), no client slot, no deflate.</summary>
    private async Task ServePipeAsync(IDuplexPipe transport, RequestHead head, ClientEndpoint client)
    {
        var peer = $"{client.RemoteIp}:{client.RemotePort}";
        var status = pipes.Admit(head.ToHandshakeRequest(), head.Authorization, peer);
        var logged = accessLog.Enabled ? new PendingAccessLogEntry(head, client.RemoteIp, status) : null;
        if (status == StatusCodes.Status101SwitchingProtocols)
        {
            // Written, not flushed: the connection sends it once a watcher is subscribed to the clients' events.
            HandshakeResponses.WriteSwitchingProtocols(transport.Output, head.SecWebSocketKey);
            await pipes.ServeAsync(transport, head.Query.ToString(), peer);
        }
        else
        {
            await RefuseAsync(transport, status);
        }
        if (logged is not null)
            accessLog.Write(logged.Finish());
    }

    private static async Task RefuseAsync(IDuplexPipe transport, int status)
    {
        HandshakeResponses.WriteRefusal(transport.Output, status, DateTimeOffset.UtcNow);
        await transport.Output.FlushAsync();
    }

    /// <summary>
    /// The head of an upgrade request this listener answers, consumed from <paramref name="input"/>; null when the
    /// first request is anyone else's, with nothing consumed.
    /// </summary>
    private async Task<RequestHead?> ReadUpgradeHeadAsync(PipeReader input)
    {
        while (true)
        {
            System.IO.Pipelines.ReadResult read;
            try
            {
                read = await input.ReadAsync();
            }
            catch (Exception e) when (e is ConnectionAbortedException or IOException or OperationCanceledException)
            {
                return null;
            }
            var buffer = read.Buffer;
            var status = Parse(buffer, out var head);
            if (status == RequestHeadStatus.Incomplete && !read.IsCompleted && !read.IsCanceled)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }
            if (status == RequestHeadStatus.Complete && IsWebSocketUpgrade(head!))
            {
                input.AdvanceTo(buffer.GetPosition(head!.Length));
                return head;
            }
            // Nothing consumed, nothing examined: Kestrel's first read returns all of it at once.
            input.AdvanceTo(buffer.Start);
            return null;
        }
    }

    private RequestHeadStatus Parse(in ReadOnlySequence<byte> buffer, out RequestHead? head)
    {
        var limit = settings.MaxHeaderSize;
        if (buffer.IsSingleSegment)
            return RequestHeadParser.Parse(buffer.FirstSpan, limit, limit, out head);
        // A head across the pipe's segments (rare: they are 4 KiB) is parsed from a copy of at most the limits' worth.
        var length = (int)Math.Min(buffer.Length, 2L * limit + 4);
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            buffer.Slice(0, length).CopyTo(copy);
            return RequestHeadParser.Parse(copy.AsSpan(0, length), limit, limit, out head);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>Every upgrade request is answered here, whatever its path, except the status page's feed.</summary>
    private static bool IsWebSocketUpgrade(RequestHead head) =>
        head.Upgrade is not null && !head.Path.SequenceEqual(OperationsEndpoints.StatusFeedPath);
}
