using System.Net.WebSockets;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>Helpers around <see cref="ClientWebSocket"/>, the independent client of these tests.</summary>
public static class ClientWebSockets
{
    public static Uri LocalUri(int port, string path = "/") => new($"ws://127.0.0.1:{port}{path}");

    public static async Task<ClientWebSocket> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        using var cts = new CancellationTokenSource(Timeouts.Receive);
        try
        {
            await socket.ConnectAsync(uri, cts.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Receives one whole message, however many reads it takes.</summary>
    public static async Task<(WebSocketMessageType Type, byte[] Payload)> ReceiveMessageAsync(this ClientWebSocket socket)
    {
        using var cts = new CancellationTokenSource(Timeouts.Receive);
        var payload = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cts.Token);
            payload.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, payload.ToArray());
            }
        }
    }

    public static async Task SendMessageAsync(this ClientWebSocket socket, WebSocketMessageType type, byte[] payload)
    {
        using var cts = new CancellationTokenSource(Timeouts.Receive);
        await socket.SendAsync(payload, type, endOfMessage: true, cts.Token);
    }
}
