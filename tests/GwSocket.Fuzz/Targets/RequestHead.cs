using System.Text;
using GwSocket.Protocol;

namespace GwSocket.Fuzz.Targets;

/// <summary>An HTTP request head as text, cut into what Kestrel hands to the handshake validator.</summary>
internal sealed record RequestHead(string Method, string Protocol, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public static RequestHead Parse(byte[] bytes)
    {
        var lines = Encoding.Latin1.GetString(bytes).Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        var requestLine = lines[0].Split(' ');
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
                headers.Add(KeyValuePair.Create(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return new RequestHead(requestLine[0], requestLine.Length > 2 ? requestLine[2] : "", headers);
    }

    /// <summary>As Kestrel presents them: names case-insensitive, a repeated header joined with commas.</summary>
    public HandshakeRequest ToRequest() => new(
        Method, Protocol, Header("Host"), Header("Upgrade"), Header("Connection"), Header("Sec-WebSocket-Key"), Header("Sec-WebSocket-Version"));

    public RequestHead WithHeaders(IEnumerable<KeyValuePair<string, string>> headers) => this with { Headers = [.. headers] };

    private string? Header(string name)
    {
        var values = Headers.Where(header => header.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).ToList();
        return values.Count == 0 ? null : string.Join(",", values);
    }
}
