using System.Net.WebSockets;
using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.Lifecycle;

/// <summary>
/// SIGTERM while every client is sending as fast as it can: each gets close 1001, and pipe-out ends with whole
/// records in which every open has exactly one close and each client's messages keep their order, with no gap
/// that the server did not report as a pipe-out drop.
/// </summary>
public sealed class SigtermUnderLoadTests
{
    private const int Clients = 8;
    private const int MessagesBeforeSignal = 200;

    [Fact]
    public async Task Sigterm_under_load_closes_every_client_with_1001_and_pipe_out_loses_nothing_silently()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        var clients = await PipeClients.ConnectKnownAsync(server, pipeOut, Clients);
        using var stop = new CancellationTokenSource();
        var senders = clients.Select((client, index) => Task.Run(() => SendUntilStoppedAsync(client.Socket, index, stop.Token))).ToList();
        await pipeOut.WaitForRecordsAsync(records => records.Count(r => r.Type == StrictRecord.Text) >= MessagesBeforeSignal, "messages under load");

        PosixSignals.Terminate(server.Id);
        foreach (var (socket, _) in clients)
        {
            Assert.Equal(WebSocketMessageType.Close, (await socket.ReceiveMessageAsync()).Type);
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.CloseStatus);
        }

        await stop.CancelAsync();
        await Task.WhenAll(senders);
        Assert.Equal(0, await server.WaitForExitAsync(Timeouts.Exit));
        await pipeOut.Ended.WaitAsync(Timeouts.Receive);
        var (records, leftover) = pipeOut.Parsed;
        Assert.Equal(0, leftover);
        foreach (var ((socket, id), index) in clients.Select((client, index) => (client, index)))
        {
            var ofClient = records.Where(r => r.ClientId == id).ToList();
            Assert.Equal(StrictRecord.Open, ofClient.First().Type);
            Assert.Equal(StrictRecord.CloseOf(id), ofClient.Last());
            Assert.Single(ofClient, r => r.Type == StrictRecord.Close);
            var prefix = $"client {index} message ";
            var texts = ofClient.Where(r => r.Type == StrictRecord.Text).Select(r => Encoding.UTF8.GetString(r.Payload)).ToList();
            Assert.All(texts, text => Assert.StartsWith(prefix, text));
            var numbers = texts.Select(text => int.Parse(text[prefix.Length..])).ToList();
            Assert.True(numbers.Zip(numbers.Skip(1)).All(pair => pair.First < pair.Second), $"client {index}'s messages out of order on pipe-out");
            // Clients sending flat out can outrun the pipe-out reader: past its bound pipe-out drops, and says so.
            var unbroken = numbers.Count == 0 || (numbers[0] == 0 && numbers[^1] == numbers.Count - 1);
            Assert.True(unbroken || server.StandardError.Text.Contains("records are dropped (and counted)", StringComparison.Ordinal),
                $"client {index}'s messages have gaps on pipe-out but the server never said it dropped any.{server.Diagnostics()}");
            socket.Dispose();
        }
    }

    /// <summary>Sends numbered messages until stopped or until the server's close ends the sending side.</summary>
    private static async Task SendUntilStoppedAsync(ClientWebSocket socket, int index, CancellationToken stop)
    {
        try
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes($"client {index} message {n}"), WebSocketMessageType.Text, true, stop);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
