namespace GwSocket.Actors.NetworkPipes;

/// <summary>
/// What a network pipe connection asked for in its query: <c>events=1</c>, the node's pipe-out stream back, as binary
/// messages; <c>snapshot=1</c> with it, the text message <see cref="Protocol.Pipes.SnapshotEnd"/> after the opens of
/// the clients live when it connected; <c>ack=1</c>, a text message after each batch every node has handed to its
/// clients, with the number of payload bytes of the connection's messages handed on so far (what <c>gwsocket pipe</c>
/// waits for before it sends more, and need never send again).
/// </summary>
public readonly record struct NetworkPipeQuery(bool Events, bool Acknowledge, bool Snapshot = false)
{
    public static NetworkPipeQuery Parse(string query)
    {
        var parameters = query.Split('&');
        var events = parameters.Contains("events=1", StringComparer.Ordinal);
        return new NetworkPipeQuery(events, parameters.Contains("ack=1", StringComparer.Ordinal), events && parameters.Contains("snapshot=1", StringComparer.Ordinal));
    }
}
