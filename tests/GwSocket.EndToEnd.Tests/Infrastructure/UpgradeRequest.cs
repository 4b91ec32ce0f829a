using System.Text;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A hand-written HTTP upgrade request. It starts valid (RFC 6455 section 4.1)
/// and each test breaks exactly the part it is about.
/// </summary>
public sealed class UpgradeRequest
{
    /// <summary>The sample nonce of RFC 6455 section 1.3.</summary>
    public const string SampleKey = "dGhlIHNhbXBsZSBub25jZQ==";

    /// <summary>The accept value RFC 6455 section 1.3 gives for <see cref="SampleKey"/>.</summary>
    public const string SampleAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private readonly List<KeyValuePair<string, string>> _headers = [];
    private string _method = "GET";
    private string _protocol = "HTTP/1.1";

    private UpgradeRequest(string path) => Path = path;

    public string Path { get; }

    public static UpgradeRequest Valid(string path = "/") =>
        new UpgradeRequest(path)
            .With("Host", "localhost")
            .With("Upgrade", "websocket")
            .With("Connection", "Upgrade")
            .With("Sec-WebSocket-Key", SampleKey)
            .With("Sec-WebSocket-Version", "13");

    public UpgradeRequest WithMethod(string method)
    {
        _method = method;
        return this;
    }

    public UpgradeRequest WithProtocol(string protocol)
    {
        _protocol = protocol;
        return this;
    }

    /// <summary>Sets a header, replacing any header of that name.</summary>
    public UpgradeRequest With(string name, string value)
    {
        var index = _headers.FindIndex(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
        var header = KeyValuePair.Create(name, value);
        if (index < 0)
        {
            _headers.Add(header);
        }
        else
        {
            _headers[index] = header;
        }

        return this;
    }

    public UpgradeRequest Without(string name)
    {
        _headers.RemoveAll(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
        return this;
    }

    public byte[] ToBytes()
    {
        var text = new StringBuilder($"{_method} {Path} {_protocol}\r\n");
        foreach (var (name, value) in _headers)
        {
            text.Append($"{name}: {value}\r\n");
        }

        return Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
    }
}
