using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.Echo;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.FlowControl;

/// <summary>
/// A message larger than the client's queue bound (2 MiB) is not a slow client: with a large --max-frame-size
/// it reaches a client whose queue is empty, from echo mode and from pipe-in alike.
/// </summary>
public sealed class LargeMessageTests
{
    private const string ThirtyTwoMiB = "--max-frame-size=33554432";

    [Fact]
    public async Task Messages_of_4_8_and_16_MiB_are_echoed_whole()
    {
        await using var server = await GwSocketProcess.StartAsync("--echo-mode", ThirtyTwoMiB);
        using var socket = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port));

        foreach (var mebibytes in new[] { 4, 8, 16 })
        {
            var sent = Payloads.Of(WebSocketMessageType.Binary, mebibytes * 1024 * 1024);
            await socket.SendMessageAsync(WebSocketMessageType.Binary, sent);
            var (type, echoed) = await socket.ReceiveMessageAsync();

            Assert.Equal(WebSocketMessageType.Binary, type);
            Assert.Equal(sent.Length, echoed.Length);
            Assert.True(sent.AsSpan().SequenceEqual(echoed), $"the echo of {mebibytes} MiB differs from what was sent");
        }
    }

    [Fact]
    public async Task A_16_MiB_strict_record_on_pipe_in_reaches_its_client()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict", ThirtyTwoMiB);
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        var clients = await PipeClients.ConnectKnownAsync(server, pipeOut, 1);
        var (socket, id) = clients[0];
        var payload = Payloads.Of(WebSocketMessageType.Binary, 16 * 1024 * 1024);

        await using (var producer = new FileStream(server.PipeIn, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0))
        {
            await producer.WriteAsync(new StrictRecord(id, StrictRecord.Binary, payload).ToBytes());
        }

        var (type, received) = await socket.ReceiveMessageAsync();
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.True(payload.AsSpan().SequenceEqual(received), $"{received.Length} bytes received of the {payload.Length} written");
        socket.Dispose();
    }
}
