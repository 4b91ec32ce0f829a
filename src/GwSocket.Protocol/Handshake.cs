using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace GwSocket.Protocol;

/// <summary>The server side of the opening handshake, RFC 6455 section 4.2.1 and 4.2.2.</summary>
public static class Handshake
{
    public const string SupportedVersion = "13";

    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private const int KeyLength = 16;

    // A valid key is 24 characters; longer ones only reach here from callers that did not validate first.
    private const int MaxStackKey = 256;

    public static HandshakeResult Validate(in HandshakeRequest request)
    {
        // 4.2.1 (1): "An HTTP/1.1 or higher GET request".
        if (!string.Equals(request.Method, "GET", StringComparison.Ordinal))
            return Bad("method must be GET");
        if (!string.Equals(request.Protocol, "HTTP/1.1", StringComparison.Ordinal))
            return Bad("protocol must be HTTP/1.1");
        // (2) "A |Host| header field".
        if (string.IsNullOrWhiteSpace(request.Host))
            return Bad("missing Host");
        // (3) "An |Upgrade| header field containing the value "websocket"" (case-insensitive).
        if (!ContainsToken(request.Upgrade, "websocket"))
            return Bad("Upgrade must be websocket");
        // (4) "A |Connection| header field that includes the token "Upgrade"" (case-insensitive).
        if (!ContainsToken(request.Connection, "upgrade"))
            return Bad("Connection must include upgrade");
        // (6) "|Sec-WebSocket-Version| ... MUST be 13"; otherwise 4.4 asks for 426 and the supported version.
        if (string.IsNullOrWhiteSpace(request.Version))
            return Bad("missing Sec-WebSocket-Version");
        if (request.Version.Trim() != SupportedVersion)
            return new HandshakeResult(HandshakeStatus.UpgradeRequired, "unsupported Sec-WebSocket-Version");
        // (5) "|Sec-WebSocket-Key| ... base64-encoded ... value that, when decoded, is 16 bytes in length".
        if (!IsValidKey(request.Key))
            return Bad("Sec-WebSocket-Key must be 16 bytes in base64");
        return HandshakeResult.Accepted;
    }

    /// <summary>Bytes of a Sec-WebSocket-Accept value: the base64 of a SHA-1.</summary>
    public const int AcceptKeyLength = 28;

    /// <summary>4.2.2 (5.4): base64 of the SHA-1 of the key concatenated with the RFC's GUID.</summary>
    public static string ComputeAcceptKey(string key)
    {
        Span<byte> accept = stackalloc byte[AcceptKeyLength];
        WriteAcceptKey(key, accept);
        return Encoding.ASCII.GetString(accept);
    }

    /// <summary><see cref="ComputeAcceptKey"/> as ASCII bytes into <paramref name="destination"/>, allocating nothing.</summary>
    public static void WriteAcceptKey(ReadOnlySpan<char> key, Span<byte> destination)
    {
        key = key.Trim();
        var length = Encoding.ASCII.GetByteCount(key) + AcceptGuid.Length;
        var input = length <= MaxStackKey ? stackalloc byte[length] : new byte[length];
        var written = Encoding.ASCII.GetBytes(key, input);
        Encoding.ASCII.GetBytes(AcceptGuid, input[written..]);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, hash);
        var status = Base64.EncodeToUtf8(hash, destination[..AcceptKeyLength], out _, out var encoded);
        Debug.Assert(status == OperationStatus.Done && encoded == AcceptKeyLength);
    }

    private static bool IsValidKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
            return false;
        Span<byte> decoded = stackalloc byte[KeyLength + 3];
        return Convert.TryFromBase64String(key.Trim(), decoded, out var written) && written == KeyLength;
    }

    private static bool ContainsToken(string? headerValue, string token)
    {
        if (headerValue is null)
            return false;
        foreach (var part in headerValue.Split(','))
        {
            if (part.Trim().Equals(token, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static HandshakeResult Bad(string reason) => new(HandshakeStatus.BadRequest, reason);
}
