using System.Net.WebSockets;
using System.Text.Json;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A Chrome DevTools Protocol client over <see cref="ClientWebSocket"/>: one command at a
/// time, its answer matched by id; the events the browser sends in between are ignored.
/// </summary>
public sealed class DevToolsConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private int _lastId;

    private DevToolsConnection(ClientWebSocket socket) => _socket = socket;

    public static async Task<DevToolsConnection> ConnectAsync(Uri browserEndpoint, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(browserEndpoint, ct);
            return new DevToolsConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command (to the browser, or to an attached target when sessionId is given) and returns its result.</summary>
    public async Task<JsonElement> SendAsync(
        string method, object parameters, CancellationToken ct, string? sessionId = null)
    {
        var id = ++_lastId;
        var command = new Dictionary<string, object> { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (sessionId is not null)
        {
            command["sessionId"] = sessionId;
        }

        await _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(command), WebSocketMessageType.Text, endOfMessage: true, ct);
        while (true)
        {
            using var message = await ReceiveAsync(ct);
            var root = message.RootElement;
            if (!root.TryGetProperty("id", out var answerId) || answerId.GetInt32() != id)
            {
                continue;
            }

            if (root.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"DevTools {method} failed: {error}");
            }

            return root.GetProperty("result").Clone();
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(Timeouts.Receive);
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The browser is killed next anyway; a close that fails changes nothing.
        }
        finally
        {
            _socket.Dispose();
        }
    }

    private async Task<JsonDocument> ReceiveAsync(CancellationToken ct)
    {
        var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException($"The browser closed the DevTools connection ({result.CloseStatus}).");
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray());
            }
        }
    }
}
