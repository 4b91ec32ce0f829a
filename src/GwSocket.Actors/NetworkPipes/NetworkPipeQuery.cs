namespace GwSocket.Actors.NetworkPipes;

/// <summary>
/// What a network pipe connection asked for in its query: <c>events=1</c>, the node's pipe-out stream back, as binary
/// messages; <c>ack=1</c>, a text message after each batch the node has taken, with the number of payload bytes of the
/// connection's messages taken so far (what <c>gwsocket pipe</c> waits for before it sends more).
/// </summary>
public readonly record struct NetworkPipeQuery(bool Events, bool Acknowledge)
{
    public static NetworkPipeQuery Parse(string query)
    {
        var parameters = query.Split('&');
        return new NetworkPipeQuery(parameters.Contains("events=1", StringComparer.Ordinal), parameters.Contains("ack=1", StringComparer.Ordinal));
    }
}
