using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.NetworkPipe;

/// <summary>
/// A watcher that has its 101 is subscribed: what a client sends from then on reaches it, with no signal to wait for
/// first (the server subscribes the watcher before it answers the upgrade).
/// </summary>
public sealed class WatcherAfterHandshakeTests : IDisposable
{
    private const int Watchers = 200;

    private readonly PipeToken _token = new();

    public void Dispose() => _token.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_watcher_that_has_its_101_gets_the_next_client_message(bool behindPlainRequest)
    {
        // Standard mode: a watcher gets the clients' payloads as they are. Closed watchers free their slots asynchronously.
        await using var server = await GwSocketProcess.StartAsync(_token.Option, "--max-pipe-connections=1000");
        await using var client = await RawWebSocket.ConnectAsync(server.Port, "/client");
        var request = UpgradeRequest.Valid(PipeSockets.Path + "?events=1").With("Authorization", $"Bearer {_token.Secret}");

        // One watcher at a time, the client sending the moment the watcher's 101 has arrived: the window a late
        // subscription leaves is a fraction of a millisecond, so one watcher alone rarely falls into it.
        for (var i = 0; i < Watchers; i++)
        {
            await using var connection = await RawConnection.OpenTcpAsync(server.Port);
            if (behindPlainRequest)
            {
                // The upgrade behind an answered request goes through Kestrel's HTTP stack, not the listener below it.
                await connection.SendAsync("HEAD /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray());
                Assert.Equal(200, (await connection.ReadResponseHeadAsync()).StatusCode);
            }

            await connection.SendAsync(request.ToBytes());
            Assert.Equal(101, (await connection.ReadWholeResponseHeadAsync()).StatusCode);
            var text = $"message {i}";
            await client.SendTextAsync(text);

            var (type, payload) = await ReceiveOrExplainAsync(RawWebSocket.Over(connection), server, i);
            Assert.Equal((Opcode.Binary, text), (type, Encoding.UTF8.GetString(payload)));
        }
    }

    private static async Task<(Opcode Type, byte[] Payload)> ReceiveOrExplainAsync(RawWebSocket watcher, GwSocketProcess server, int index)
    {
        try
        {
            return await watcher.ReceiveMessageAsync();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"watcher {index} of {Watchers} had its 101 but not the message a client sent after it{server.Diagnostics()}", e);
        }
    }
}
