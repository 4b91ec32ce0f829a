using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

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

    [Fact]
    public async Task Sigterm_while_pipe_in_waits_for_a_writer_of_a_fifo_replaced_at_its_path_ends_every_shutdown_phase_in_time()
    {
        await using var server = await GwSocketProcess.StartAsync();
        await Eventually.LoggedAsync(server, " started: ");
        await Eventually.TrueAsync(() => Fifos.IsHeldBy(server.Id, server.PipeIn), () => $"the server never took hold of {server.PipeIn}{server.Diagnostics()}");

        // What `rm in.fifo; mkfifo in.fifo` does while the server waits for its first writer.
        File.Delete(server.PipeIn);
        await ShellProcess.RunAsync("""mkfifo "$1" """, server.PipeIn);
        PosixSignals.Terminate(server.Id);

        await server.WaitForExitAsync(ExitAfterSignal);
        Assert.DoesNotContain(server.StandardError.Lines, line => line.Contains("timed out", StringComparison.Ordinal));
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
