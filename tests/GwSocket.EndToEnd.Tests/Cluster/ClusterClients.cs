using System.Net.WebSockets;
using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.Cluster;

/// <summary>A ClientWebSocket client of the cluster and the id a watcher's pipe-out gave it.</summary>
public sealed record ClusterClient(ClientWebSocket Socket, uint Id)
{
    /// <summary>The high 10 bits of the id: the slot of the node that owns the client.</summary>
    public uint Slot => Id >> 22;

    public override string ToString() => $"client {Id} (slot {Slot})";
}

/// <summary>Clients, producers and their checks for the cluster tests.</summary>
public static class ClusterClients
{
    /// <summary>
    /// Connects <paramref name="count"/> clients to <paramref name="uri"/> one at a time, each after the previous one's
    /// open record reached <paramref name="watcher"/>'s pipe-out, so that the test knows which id is which client's.
    /// </summary>
    public static async Task<List<ClusterClient>> ConnectAsync(Uri uri, ClusterNode watcher, int count)
    {
        var clients = new List<ClusterClient>();
        var opensSeen = EventSummary.OpenIds(watcher.Events.Records).Count;
        for (var i = 0; i < count; i++)
        {
            var socket = await ClientWebSockets.ConnectAsync(uri);
            clients.Add(new ClusterClient(socket, await watcher.Events.NextOpenAsync(opensSeen + i)));
        }

        return clients;
    }

    /// <summary>A producer in another process, as users write them: cat writes the packed records into the FIFO in one write.</summary>
    public static async Task WriteRecordsAsync(LoopbackCluster cluster, ClusterNode node, IEnumerable<StrictRecord> records)
    {
        var file = Path.Combine(cluster.Directory, "records-" + Path.GetRandomFileName());
        await File.WriteAllBytesAsync(file, StrictRecord.Pack(records.ToArray()));
        await ShellProcess.RunAsync("""cat "$1" > "$2" """, file, node.PipeIn);
    }

    /// <summary>The client's messages up to the text <paramref name="last"/>: texts as they are, binary ones as "binary HEX".</summary>
    public static async Task<List<string>> ReceiveUntilAsync(this ClusterClient client, string last)
    {
        var messages = new List<string>();
        while (messages.LastOrDefault() != last)
        {
            var (type, payload) = await client.Socket.ReceiveMessageAsync();
            messages.Add(type switch
            {
                WebSocketMessageType.Text => Encoding.UTF8.GetString(payload),
                WebSocketMessageType.Binary => $"binary {Convert.ToHexString(payload)}",
                _ => $"close {client.Socket.CloseStatus}",
            });
            if (type == WebSocketMessageType.Close)
            {
                break;
            }
        }

        return messages;
    }

    /// <summary>Checks that every client receives exactly what <paramref name="expected"/> says, up to the text <paramref name="last"/>.</summary>
    public static async Task AssertEachReceivesAsync(IEnumerable<ClusterClient> clients, Func<ClusterClient, List<string>> expected, string last)
    {
        var received = await Task.WhenAll(clients.Select(async client => (Client: client, Messages: await client.ReceiveUntilAsync(last))));
        var wrong = received.Where(r => !r.Messages.SequenceEqual(expected(r.Client))).ToList();
        Assert.True(wrong.Count == 0, "clients that did not receive exactly their messages: " + string.Join("; ",
            wrong.Select(r => $"{r.Client} got [{string.Join(", ", r.Messages)}], expected [{string.Join(", ", expected(r.Client))}]")));
    }

    /// <summary>
    /// Checks that the connection of a client whose node died ends (a close frame from nginx, or the connection
    /// dropped) without one more data message.
    /// </summary>
    public static async Task AssertConnectionEndsWithoutMessageAsync(ClusterClient client)
    {
        WebSocketMessageType type;
        try
        {
            (type, _) = await client.Socket.ReceiveMessageAsync();
        }
        catch (WebSocketException)
        {
            return;
        }

        Assert.True(type == WebSocketMessageType.Close, $"{client}, whose node died, received a {type} message");
    }

    /// <summary>Every client closes (normal closure), side by side.</summary>
    public static Task CloseAllAsync(IEnumerable<ClusterClient> clients) =>
        Task.WhenAll(clients.Select(async client =>
        {
            using var cts = new CancellationTokenSource(Timeouts.Receive);
            await client.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
        }));

    public static void DisposeAll(IEnumerable<ClusterClient> clients)
    {
        foreach (var client in clients)
        {
            client.Socket.Dispose();
        }
    }

    /// <summary>
    /// Checks a watcher's complete picture: exactly one open and, when <paramref name="closed"/>, exactly one close
    /// after it for each of <paramref name="ids"/>, and nothing about any other client.
    /// </summary>
    public static void AssertPicture(ClusterNode watcher, IReadOnlyCollection<uint> ids, bool closed)
    {
        var records = watcher.Events.Records;
        var opens = EventSummary.OpenIds(records);
        var closes = EventSummary.CloseIds(records);
        var picture = $"{watcher.Name}'s pipe-out: {EventSummary.Of(records)}";
        Assert.True(opens.Count == ids.Count && opens.ToHashSet().SetEquals(ids), $"expected exactly one open for each of [{EventSummary.Ids(ids)}]; {picture}");
        if (!closed)
        {
            Assert.True(closes.Count == 0, $"expected no close yet; {picture}");
            return;
        }

        Assert.True(closes.Count == ids.Count && closes.ToHashSet().SetEquals(ids), $"expected exactly one close for each of [{EventSummary.Ids(ids)}]; {picture}");
        foreach (var id in ids)
        {
            var open = records.FindIndex(r => r.Type == StrictRecord.Open && r.ClientId == id);
            var close = records.FindIndex(r => r.Type == StrictRecord.Close && r.ClientId == id);
            Assert.True(open < close, $"client {id}'s close came before its open; {picture}");
        }
    }
}
