using System.Text;

namespace GwSocket.Fuzz.Targets;

/// <summary>Upgrade request heads: valid ones with each field sometimes missing, repeated or at an edge.</summary>
internal static class HandshakeGenerator
{
    private static readonly string[] Methods = ["GET", "GET", "get", "POST", "", "GET GET"];
    private static readonly string[] Protocols = ["HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2", "http/1.1", ""];
    private static readonly string[] Hosts = ["localhost", "example.com:7890", "", " ", "[::1]"];
    private static readonly string[] Upgrades = ["websocket", "WebSocket", "h2c, websocket", "websocket2", "web socket", ",", ""];
    private static readonly string[] Connections = ["Upgrade", "keep-alive, Upgrade", "upgrade", "Upgradex", "close", ", ,Upgrade"];
    private static readonly string[] Keys = ["dGhlIHNhbXBsZSBub25jZQ==", " dGhlIHNhbXBsZSBub25jZQ== ", "dGhlIHNhbXBsZSBub25jZQ", "AAAAAAAAAAAAAAAAAAAAAA==", "AAAAAAAAAAAAAAAAAAAAAAAA", "!!!!", "", "dGhlIHNhbXBsZSBub25jZQ==,dGhlIHNhbXBsZSBub25jZQ=="];
    private static readonly string[] Versions = ["13", " 13 ", "8", "13, 8", "", "013", "14"];

    public static string Head(Random random)
    {
        var head = new StringBuilder($"{Usually(Methods, random)} /{random.Next(100)} {Usually(Protocols, random)}\r\n");
        Header(head, "Host", Hosts, random);
        Header(head, "Upgrade", Upgrades, random);
        Header(head, "Connection", Connections, random);
        Header(head, "Sec-WebSocket-Key", Keys, random);
        Header(head, "Sec-WebSocket-Version", Versions, random);
        if (random.Next(3) == 0)
            head.Append("Origin: http://example.com\r\n");
        return head.Append("\r\n").ToString();
    }

    /// <summary>Usually one line, sometimes none, sometimes two (a repeated header).</summary>
    private static void Header(StringBuilder head, string name, string[] values, Random random)
    {
        var count = random.Next(20) switch { 0 => 0, 1 => 2, _ => 1 };
        for (var i = 0; i < count; i++)
            head.Append(name).Append(": ").Append(Usually(values, random)).Append("\r\n");
    }

    /// <summary>The first (valid) value most of the time, so that a good share of the requests is accepted.</summary>
    private static string Usually(string[] values, Random random) => random.Next(6) == 0 ? Pick(values, random) : values[0];

    private static string Pick(string[] values, Random random) => values[random.Next(values.Length)];
}
