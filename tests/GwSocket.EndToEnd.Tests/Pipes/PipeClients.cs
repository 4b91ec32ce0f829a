using System.Net.WebSockets;
using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Pipes;

/// <summary>ClientWebSocket clients of a gwsocket process whose pipes the test drives.</summary>
public static class PipeClients
{
    public static Task<ClientWebSocket> ConnectAsync(GwSocketProcess server) =>
        ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port));

    /// <summary>
    /// Connects clients one at a time, each after the previous one's open record reached pipe-out (strict mode),
    /// so the test knows which id is which client's.
    /// </summary>
    public static async Task<List<(ClientWebSocket Socket, uint Id)>> ConnectKnownAsync(GwSocketProcess server, PipeOutConsumer pipeOut, int count)
    {
        var clients = new List<(ClientWebSocket, uint)>();
        for (var i = 0; i < count; i++)
        {
            var socket = await ConnectAsync(server);
            clients.Add((socket, await pipeOut.NextOpenAsync(i)));
        }

        return clients;
    }

    /// <summary>
    /// Standard mode: the server knows a client once a message from it reached pipe-out, since the router
    /// registers a client before it publishes its messages. After that, a pipe-in broadcast reaches it.
    /// </summary>
    public static async Task<ClientWebSocket> ConnectRegisteredAsync(GwSocketProcess server, PipeOutConsumer pipeOut, string token)
    {
        var socket = await ConnectAsync(server);
        await socket.SendMessageAsync(WebSocketMessageType.Text, Encoding.UTF8.GetBytes(token));
        try
        {
            await pipeOut.WaitForTextAsync(token);
        }
        catch (TimeoutException e)
        {
            var (status, metrics) = await OpsHttp.GetAsync(server.Port, "/metrics");
            var ours = string.Join(Environment.NewLine, metrics.Split('\n').Where(line => line.StartsWith("gwsocket_", StringComparison.Ordinal)));
            throw new TimeoutException($"{e.Message}; client {socket.State}{Environment.NewLine}--- /metrics ({status}) ---{Environment.NewLine}{ours}{server.Diagnostics()}", e);
        }

        return socket;
    }

    public static async Task<string> ReceiveTextAsync(this ClientWebSocket socket)
    {
        var (type, payload) = await socket.ReceiveMessageAsync();
        Assert.Equal(WebSocketMessageType.Text, type);
        return Encoding.UTF8.GetString(payload);
    }

    /// <summary>
    /// Standard mode makes a message of each read of the pipe, so where messages split depends on timing:
    /// receives until the texts add up to <paramref name="expected"/>, and checks that they add up to exactly that.
    /// </summary>
    public static async Task ReceiveTextAmountingToAsync(this ClientWebSocket socket, string expected)
    {
        var received = new StringBuilder();
        while (received.Length < expected.Length)
        {
            received.Append(await socket.ReceiveTextAsync());
        }

        Assert.Equal(expected, received.ToString());
    }

    /// <summary>Answers the server's close frame, so that the server need not wait for its close timeout.</summary>
    public static async Task ReceiveCloseAsync(this ClientWebSocket socket, WebSocketCloseStatus expected)
    {
        Assert.Equal(WebSocketMessageType.Close, (await socket.ReceiveMessageAsync()).Type);
        Assert.Equal(expected, socket.CloseStatus);
        if (socket.State == WebSocketState.CloseReceived)
        {
            using var cts = new CancellationTokenSource(Timeouts.Receive);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
        }
    }
}
