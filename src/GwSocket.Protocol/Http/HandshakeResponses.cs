using System.Buffers;
using System.Globalization;
using System.Text;

namespace GwSocket.Protocol.Http;

/// <summary>The server's answers to an upgrade request, written as HTTP/1.1 response heads.</summary>
public static class HandshakeResponses
{
    private const int UpgradeRequired = 426;
    private const int Unauthorized = 401;

    /// <summary>
    /// RFC 6455 4.2.2 (5): 101 with the accept value of <paramref name="key"/> and, when one was negotiated, the
    /// <c>Sec-WebSocket-Extensions</c> value the server agreed to (RFC 6455 9.1).
    /// </summary>
    public static void WriteSwitchingProtocols(IBufferWriter<byte> output, ReadOnlySpan<char> key, string? extensions = null)
    {
        Write(output, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "u8);
        Handshake.WriteAcceptKey(key, output.GetSpan(Handshake.AcceptKeyLength));
        output.Advance(Handshake.AcceptKeyLength);
        if (extensions is not null)
        {
            Write(output, "\r\nSec-WebSocket-Extensions: "u8);
            Write(output, Encoding.ASCII.GetBytes(extensions));
        }
        Write(output, "\r\n\r\n"u8);
    }

    /// <summary>
    /// A refusal without content, after which the server closes the connection; 426 names the version this server
    /// speaks (RFC 6455 4.4).
    /// </summary>
    public static void WriteRefusal(IBufferWriter<byte> output, int status, DateTimeOffset now)
    {
        Write(output, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {status} {ReasonPhrase(status)}\r\nContent-Length: 0\r\nConnection: close\r\nDate: {now.UtcDateTime:r}\r\n")));
        if (status == UpgradeRequired)
            Write(output, Encoding.ASCII.GetBytes($"Sec-WebSocket-Version: {Handshake.SupportedVersion}\r\n"));
        // RFC 6750 3: a 401 names the scheme it wants.
        if (status == Unauthorized)
            Write(output, "WWW-Authenticate: Bearer\r\n"u8);
        Write(output, "\r\n"u8);
    }

    /// <summary>RFC 9110 section 15's phrases for the statuses a handshake can end with.</summary>
    public static string ReasonPhrase(int status) => status switch
    {
        101 => "Switching Protocols",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        408 => "Request Timeout",
        426 => "Upgrade Required",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a handshake status"),
    };

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
