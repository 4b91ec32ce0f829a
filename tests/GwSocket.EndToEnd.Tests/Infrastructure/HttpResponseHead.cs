namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>The status line and headers of an HTTP response, as the server sent them.</summary>
public sealed record HttpResponseHead(string StatusLine, int StatusCode, IReadOnlyDictionary<string, string> Headers)
{
    public static HttpResponseHead Parse(string head)
    {
        var lines = head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var statusLine = lines[0];
        var statusParts = statusLine.Split(' ', 3);
        if (statusParts.Length < 2 || !statusParts[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(statusParts[1], out var status))
        {
            throw new FormatException($"Not an HTTP status line: '{statusLine}'");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? $"{earlier}, {value}" : value;
        }

        return new HttpResponseHead(statusLine, status, headers);
    }

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public override string ToString() => StatusLine;
}
