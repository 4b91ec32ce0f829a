using System.Text.Json;
using GwSocket.Actors.Telemetry;
using GwSocket.Protocol;
using GwSocket.Server.Upgrade;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Net.Http.Headers;

namespace GwSocket.Server.Operations;

/// <summary>
/// <c>/status/ws</c>: a WebSocket (our own framing, as for every client) that sends the status page this node's
/// <see cref="ClusterStats"/> as one JSON text message per interval, the first with every node's recent stats, until
/// the page closes it or the node stops (1001).
/// </summary>
internal sealed class StatusFeed(StatsBoard board, IHostApplicationLifetime lifetime)
{
    private const int MaxIncomingMessage = 4096;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task HandleAsync(HttpContext context)
    {
        var handshake = Handshake.Validate(HandshakeRequests.From(context.Request));
        if (!handshake.IsAccepted || context.Features.Get<IHttpUpgradeFeature>() is not { IsUpgradableRequest: true } upgrade)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        context.Response.Headers[HeaderNames.SecWebSocketAccept] = Handshake.ComputeAcceptKey(context.Request.Headers[HeaderNames.SecWebSocketKey].ToString());
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.Connection = "Upgrade";
        await using var stream = await upgrade.UpgradeAsync();
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping, context.RequestAborted);
        using var over = CancellationTokenSource.CreateLinkedTokenSource(gone.Token);
        var reading = ReadUntilClosedAsync(stream, over);
        try
        {
            await SendSnapshotsAsync(stream, over.Token, gone.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The page left or the node is stopping: the close frame below says which.
        }
        await SendCloseAsync(stream, lifetime.ApplicationStopping.IsCancellationRequested ? CloseCodes.GoingAway : CloseCodes.NormalClosure);
        await reading;
    }

    /// <summary>
    /// Sends until <paramref name="over"/> (the page closed, or <paramref name="gone"/>). A write in progress is
    /// cancelled only by <paramref name="gone"/>: Kestrel aborts a connection whose write is cancelled, and the page
    /// that closed waits for our close frame.
    /// </summary>
    private async Task SendSnapshotsAsync(Stream stream, CancellationToken over, CancellationToken gone)
    {
        using var timer = new PeriodicTimer(Interval);
        await SendAsync(stream, FirstSnapshot(), gone);
        while (await timer.WaitForNextTickAsync(over))
            await SendAsync(stream, JsonSerializer.SerializeToUtf8Bytes(board.Current, Json), gone);
    }

    /// <summary>The current stats and, under <c>history</c>, each node's stats of the last minutes, oldest first.</summary>
    private byte[] FirstSnapshot()
    {
        var snapshot = JsonSerializer.SerializeToNode(board.Current, Json)!.AsObject();
        snapshot["history"] = JsonSerializer.SerializeToNode(board.History.Snapshot(), Json);
        return JsonSerializer.SerializeToUtf8Bytes(snapshot, Json);
    }

    private static async Task SendAsync(Stream stream, byte[] json, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(FrameEncoder.Encode(Opcode.Text, json), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Reads until the page's close frame, the end of the stream or a protocol error, then ends the feed.</summary>
    private static async Task ReadUntilClosedAsync(Stream stream, CancellationTokenSource over)
    {
        using var reader = new MessageReader(MaxIncomingMessage);
        var buffer = new byte[1024];
        var ignore = new IgnoringHandler();
        try
        {
            while (!over.IsCancellationRequested)
            {
                var count = await stream.ReadAsync(buffer, over.Token);
                if (count == 0 || reader.Read(buffer.AsSpan(0, count), ignore).Failed || reader.CloseReceived)
                    break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // Ends the feed like a close would.
        }
        await over.CancelAsync();
    }

    private static async Task SendCloseAsync(Stream stream, ushort code)
    {
        try
        {
            await stream.WriteAsync(FrameEncoder.EncodeClose(code));
            await stream.FlushAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The page is already gone.
        }
    }

    /// <summary>The page sends nothing but its close; pings are not answered (browsers do not send them).</summary>
    private sealed class IgnoringHandler : IMessageHandler
    {
        public void OnMessage(Opcode type, ReadOnlySpan<byte> payload)
        {
        }

        public void OnPing(ReadOnlySpan<byte> payload)
        {
        }

        public void OnPong(ReadOnlySpan<byte> payload)
        {
        }

        public void OnClose(ushort? code, string reason)
        {
        }
    }
}
