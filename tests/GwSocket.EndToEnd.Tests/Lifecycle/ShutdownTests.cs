using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Lifecycle;

/// <summary>SIGTERM: every client gets close 1001 (going away) and the process exits promptly.</summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan ExitAfterSignal = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sigterm_closes_clients_with_1001_and_exits_within_10_seconds()
    {
        await using var server = await GwSocketProcess.StartAsync("--echo-mode");
        using var socket = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port));
        // Proves the connection is fully open before the signal.
        await socket.SendMessageAsync(WebSocketMessageType.Text, "hello"u8.ToArray());
        await socket.ReceiveMessageAsync();

        PosixSignals.Terminate(server.Id);

        Assert.Equal(WebSocketMessageType.Close, await ReceiveAfterSignalAsync(socket, server));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.CloseStatus);
        await server.WaitForExitAsync(ExitAfterSignal);
    }

    private static async Task<WebSocketMessageType> ReceiveAfterSignalAsync(ClientWebSocket socket, GwSocketProcess server)
    {
        try
        {
            return (await socket.ReceiveMessageAsync()).Type;
        }
        catch (WebSocketException e)
        {
            throw new Xunit.Sdk.XunitException($"No close frame after SIGTERM: {e.Message}{server.Diagnostics()}");
        }
    }
}
