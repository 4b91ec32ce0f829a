using System.Net.WebSockets;
using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.NetworkPipe;

/// <summary>Producers and watchers of the network pipe as a program would write them: a ClientWebSocket with the bearer token.</summary>
public static class PipeSockets
{
    public const string Path = "/gwsocket/pipe";

    public static Task<ClientWebSocket> ConnectAsync(int port, string secret, bool events = false) =>
        ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(port, events ? Path + "?events=1" : Path),
            options => options.SetRequestHeader("Authorization", $"Bearer {secret}"));

    public static Task SendAsync(this ClientWebSocket producer, byte[] bytes) =>
        producer.SendMessageAsync(WebSocketMessageType.Binary, bytes);

    /// <summary>Receives a client's messages up to and including the text "end", each as text or "binary HEX".</summary>
    public static async Task<List<string>> ReceiveUntilEndAsync(ClientWebSocket client)
    {
        var received = new List<string>();
        while (received.Count == 0 || received[^1] != "end")
            received.Add(await ReceiveOneAsync(client));

        return received;
    }

    /// <summary>Receives a client's next <paramref name="count"/> messages, each as text or "binary HEX".</summary>
    public static async Task<List<string>> ReceiveCountAsync(ClientWebSocket client, int count)
    {
        var received = new List<string>();
        while (received.Count < count)
            received.Add(await ReceiveOneAsync(client));

        return received;
    }

    private static async Task<string> ReceiveOneAsync(ClientWebSocket client)
    {
        var (type, payload) = await client.ReceiveMessageAsync();
        return type == WebSocketMessageType.Text ? Encoding.UTF8.GetString(payload) : $"binary {Convert.ToHexString(payload)}";
    }

    /// <summary>Receives a watcher's binary messages until the records they carry satisfy <paramref name="enough"/>.</summary>
    public static async Task<List<StrictRecord>> ReceiveRecordsUntilAsync(ClientWebSocket watcher, List<byte> bytes, Func<List<StrictRecord>, bool> enough)
    {
        while (true)
        {
            var records = StrictRecord.Parse(bytes.ToArray()).Records;
            if (enough(records))
            {
                return records;
            }

            var (type, payload) = await watcher.ReceiveMessageAsync();
            Assert.Equal(WebSocketMessageType.Binary, type);
            bytes.AddRange(payload);
        }
    }
}
