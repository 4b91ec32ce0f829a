using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.Limits;

/// <summary>
/// At the process's file-descriptor limit (here lowered with `ulimit -n`), new connections are closed at once and
/// every client already connected keeps being served; once clients leave, new ones are accepted again.
/// </summary>
public sealed class FileDescriptorLimitTests
{
    // The runtime alone keeps about 220 descriptors open (one per loaded assembly): this leaves room for about 100 clients.
    private const int OpenFileLimit = 400;
    private const int Attempts = OpenFileLimit;

    [Fact]
    public async Task Connections_beyond_the_descriptor_limit_are_refused_and_connected_clients_are_served()
    {
        await using var server = await GwSocketProcess.StartWithOpenFileLimitAsync(OpenFileLimit, "--echo-mode");
        var clients = new List<RawWebSocket>();
        try
        {
            var refused = 0;
            for (var attempt = 0; attempt < Attempts && refused < 20; attempt++)
            {
                if (await TryConnectAsync(server.Port) is { } client)
                {
                    clients.Add(client);
                }
                else
                {
                    refused++;
                }
            }

            Assert.True(clients.Count >= 50, $"only {clients.Count} clients were accepted under ulimit -n {OpenFileLimit}{server.Diagnostics()}");
            Assert.Equal(20, refused);
            await Eventually.LoggedAsync(server, "connection limit reached");
            foreach (var client in new[] { clients[0], clients[^1] })
            {
                await client.SendTextAsync("still served");
                Assert.Equal("still served", Encoding.UTF8.GetString((await client.ReceiveMessageAsync()).Payload));
            }

            await DisposeAllAsync(clients.GetRange(0, 10));
            clients.RemoveRange(0, 10);
            var again = await ConnectWhenAcceptedAsync(server.Port);
            clients.Add(again);
            await again.SendTextAsync("accepted again");
            Assert.Equal("accepted again", Encoding.UTF8.GetString((await again.ReceiveMessageAsync()).Payload));
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    /// <summary>The upgraded client, or null when the server closed the connection without answering.</summary>
    private static async Task<RawWebSocket?> TryConnectAsync(int port)
    {
        try
        {
            return await RawWebSocket.ConnectAsync(port);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or System.Net.Sockets.SocketException)
        {
            return null;
        }
    }

    /// <summary>The server sees the closes of departed clients a moment later: retry until a new client gets in.</summary>
    private static async Task<RawWebSocket> ConnectWhenAcceptedAsync(int port)
    {
        var deadline = DateTime.UtcNow + Timeouts.Receive;
        while (DateTime.UtcNow < deadline)
        {
            if (await TryConnectAsync(port) is { } client)
            {
                return client;
            }

            await Task.Delay(Timeouts.Poll);
        }

        throw new TimeoutException($"no connection was accepted within {Timeouts.Receive.TotalSeconds} s after clients left");
    }

    private static async Task DisposeAllAsync(IEnumerable<RawWebSocket> clients)
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
