using System.Buffers;
using System.Text;

namespace GwSocket.Protocol.Http;

/// <summary>
/// Parses an HTTP/1.x request head (RFC 9112 sections 3 and 5) from the bytes received so far, without consuming
/// them: the caller parses again with more bytes until the head is complete. Strict by design: anything unusual
/// (an absolute-form target, non-ASCII bytes, a bare LF, a folded header) is <see cref="RequestHeadStatus.Malformed"/>,
/// so that the caller can leave it to a full HTTP server.
/// </summary>
public static class RequestHeadParser
{
    private static ReadOnlySpan<byte> CrLf => "\r\n"u8;

    // RFC 9110 5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA.
    private static readonly SearchValues<byte> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // Origin-form targets and header values: visible ASCII (values also space and tab between their words).
    private static readonly SearchValues<byte> TargetChars = SearchValues.Create(VisibleAscii(withBlanks: false));
    private static readonly SearchValues<byte> ValueChars = SearchValues.Create(VisibleAscii(withBlanks: true));

    /// <param name="bytes">The connection's bytes from its first; the head is a prefix of them.</param>
    /// <param name="maxRequestLine">Most bytes of the request line, CRLF included.</param>
    /// <param name="maxHeaders">Most bytes of all header lines together, their CRLFs included.</param>
    public static RequestHeadStatus Parse(ReadOnlySpan<byte> bytes, int maxRequestLine, int maxHeaders, out RequestHead? head)
    {
        head = null;
        var lineEnd = bytes.IndexOf(CrLf);
        if (lineEnd < 0)
            return Unfinished(bytes, maxRequestLine);
        if (lineEnd + CrLf.Length > maxRequestLine)
            return RequestHeadStatus.TooLarge;
        if (!TryParseRequestLine(bytes[..lineEnd], out var method, out var target, out var protocol))
            return RequestHeadStatus.Malformed;

        var headers = new HeaderValues();
        var position = lineEnd + CrLf.Length;
        var headerBytes = 0;
        while (true)
        {
            var rest = bytes[position..];
            var end = rest.IndexOf(CrLf);
            if (end < 0)
                return Unfinished(rest, maxHeaders - headerBytes);
            if (end == 0)
                break;
            headerBytes += end + CrLf.Length;
            if (headerBytes > maxHeaders)
                return RequestHeadStatus.TooLarge;
            if (!headers.TryAdd(rest[..end]))
                return RequestHeadStatus.Malformed;
            position += end + CrLf.Length;
        }

        head = headers.ToHead(Decode(method), Decode(target), Decode(protocol), position + CrLf.Length);
        return RequestHeadStatus.Complete;
    }

    /// <summary>No CRLF yet: more bytes may complete the line, unless they already broke a rule or the limit.</summary>
    private static RequestHeadStatus Unfinished(ReadOnlySpan<byte> partialLine, int limit)
    {
        if (partialLine.Contains((byte)'\n'))
            return RequestHeadStatus.Malformed;
        // The line's CRLF is still to come.
        return partialLine.Length + CrLf.Length > limit ? RequestHeadStatus.TooLarge : RequestHeadStatus.Incomplete;
    }

    /// <summary>RFC 9112 3: method SP request-target SP HTTP-version, here with an origin-form target only.</summary>
    private static bool TryParseRequestLine(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> method, out ReadOnlySpan<byte> target, out ReadOnlySpan<byte> protocol)
    {
        method = target = protocol = default;
        var space = line.IndexOf((byte)' ');
        if (space <= 0)
            return false;
        method = line[..space];
        var afterMethod = line[(space + 1)..];
        space = afterMethod.IndexOf((byte)' ');
        if (space <= 0)
            return false;
        target = afterMethod[..space];
        protocol = afterMethod[(space + 1)..];
        return !method.ContainsAnyExcept(TokenChars)
            && target[0] == (byte)'/' && !target.ContainsAnyExcept(TargetChars)
            && (protocol.SequenceEqual("HTTP/1.1"u8) || protocol.SequenceEqual("HTTP/1.0"u8));
    }

    private static string Decode(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);

    private static byte[] VisibleAscii(bool withBlanks)
    {
        var chars = Enumerable.Range(0x21, 0x7e - 0x21 + 1).Select(b => (byte)b);
        return (withBlanks ? chars.Append((byte)' ').Append((byte)'\t') : chars).ToArray();
    }

    /// <summary>The headers this server reads, collected line by line; every other header is checked and skipped.</summary>
    private ref struct HeaderValues
    {
        private string? _host;
        private string? _upgrade;
        private string? _connection;
        private string? _key;
        private string? _version;
        private string? _extensions;
        private string? _origin;
        private string? _referer;
        private string? _userAgent;
        private string? _authorization;
        private bool _contentLengthSeen;
        private bool _hasBody;

        /// <summary>RFC 9112 5: field-name ":" OWS field-value OWS; false for a line that breaks it.</summary>
        public bool TryAdd(ReadOnlySpan<byte> line)
        {
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
                return false;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (name.ContainsAnyExcept(TokenChars) || value.ContainsAnyExcept(ValueChars))
                return false;
            return Store(name, value);
        }

        private bool Store(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            if (Is(name, "Host"u8))
            {
                // RFC 9112 3.2: more than one Host is a bad request.
                if (_host is not null)
                    return false;
                _host = Decode(value);
            }
            else if (Is(name, "Upgrade"u8))
                Join(ref _upgrade, value);
            else if (Is(name, "Connection"u8))
                Join(ref _connection, value);
            else if (Is(name, "Sec-WebSocket-Key"u8))
                Join(ref _key, value);
            else if (Is(name, "Sec-WebSocket-Version"u8))
                Join(ref _version, value);
            else if (Is(name, "Sec-WebSocket-Extensions"u8))
                Join(ref _extensions, value);
            else if (Is(name, "Origin"u8))
                Join(ref _origin, value);
            else if (Is(name, "Referer"u8))
                Join(ref _referer, value);
            else if (Is(name, "User-Agent"u8))
                Join(ref _userAgent, value);
            else if (Is(name, "Authorization"u8))
                Join(ref _authorization, value);
            else if (Is(name, "Content-Length"u8))
                return TryContentLength(value);
            else if (Is(name, "Transfer-Encoding"u8))
                _hasBody = true;
            return true;
        }

        /// <summary>RFC 9112 6.3: one Content-Length, all digits.</summary>
        private bool TryContentLength(ReadOnlySpan<byte> value)
        {
            if (_contentLengthSeen || value.IsEmpty || value.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
                return false;
            _contentLengthSeen = true;
            _hasBody |= value.ContainsAnyExcept((byte)'0');
            return true;
        }

        public readonly RequestHead ToHead(string method, string target, string protocol, int length) => new()
        {
            Method = method,
            Target = target,
            Protocol = protocol,
            Length = length,
            Host = _host,
            Upgrade = _upgrade,
            Connection = _connection,
            SecWebSocketKey = _key,
            SecWebSocketVersion = _version,
            SecWebSocketExtensions = _extensions,
            Origin = _origin,
            Referer = _referer,
            UserAgent = _userAgent,
            Authorization = _authorization,
            HasBody = _hasBody,
        };

        private static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> known) => Ascii.EqualsIgnoreCase(name, known);

        private static void Join(ref string? field, ReadOnlySpan<byte> value) =>
            field = field is null ? Decode(value) : string.Concat(field, ",", Decode(value));
    }
}
