using System.Text;
using GwSocket.Protocol.Http;

namespace GwSocket.Protocol.Tests.Http;

/// <summary>RFC 9112 sections 3 and 5: the request head a connection starts with, read without consuming it.</summary>
public sealed class RequestHeadParserTests
{
    private const int Limit = 8 * 1024;

    private const string Upgrade =
        "GET /chat?room=1 HTTP/1.1\r\n" +
        "Host: server.example.com\r\n" +
        "Upgrade: websocket\r\n" +
        "Connection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
        "Origin: http://example.com\r\n" +
        "Sec-WebSocket-Version: 13\r\n" +
        "Sec-WebSocket-Extensions: permessage-deflate\r\n" +
        "Referer: http://example.com/page\r\n" +
        "User-Agent: test/1.0\r\n" +
        "X-Other: ignored\r\n" +
        "\r\n";

    [Fact]
    public void The_authorization_header_and_the_query_are_kept_for_the_network_pipe()
    {
        var head = AssertComplete("GET /gwsocket/pipe?events=1 HTTP/1.1\r\nHost: x\r\nauthorization: Bearer abc\r\n\r\n");

        Assert.Equal("Bearer abc", head.Authorization);
        Assert.Equal("/gwsocket/pipe", head.Path.ToString());
        Assert.Equal("events=1", head.Query.ToString());
        Assert.Equal("", AssertComplete("GET /gwsocket/pipe HTTP/1.1\r\nHost: x\r\n\r\n").Query.ToString());
    }

    [Fact]
    public void Rfc6455_sample_upgrade_is_parsed_field_by_field()
    {
        var head = AssertComplete(Upgrade);

        Assert.Equal("GET", head.Method);
        Assert.Equal("/chat?room=1", head.Target);
        Assert.Equal("/chat", head.Path.ToString());
        Assert.Equal("HTTP/1.1", head.Protocol);
        Assert.Equal(Upgrade.Length, head.Length);
        Assert.Equal("server.example.com", head.Host);
        Assert.Equal("websocket", head.Upgrade);
        Assert.Equal("Upgrade", head.Connection);
        Assert.Equal("dGhlIHNhbXBsZSBub25jZQ==", head.SecWebSocketKey);
        Assert.Equal("13", head.SecWebSocketVersion);
        Assert.Equal("permessage-deflate", head.SecWebSocketExtensions);
        Assert.Equal("http://example.com", head.Origin);
        Assert.Equal("http://example.com/page", head.Referer);
        Assert.Equal("test/1.0", head.UserAgent);
        Assert.False(head.HasBody);
        Assert.True(Handshake.Validate(head.ToHandshakeRequest()).IsAccepted);
    }

    [Fact]
    public void Bytes_after_the_head_are_not_part_of_it()
    {
        var head = AssertComplete(Upgrade + "\x81\x85garbage");

        Assert.Equal(Upgrade.Length, head.Length);
    }

    [Fact]
    public void Every_prefix_of_a_head_is_incomplete()
    {
        var bytes = Encoding.ASCII.GetBytes(Upgrade);
        for (var length = 0; length < bytes.Length; length++)
            Assert.Equal(RequestHeadStatus.Incomplete, RequestHeadParser.Parse(bytes.AsSpan(0, length), Limit, Limit, out _));
    }

    [Fact]
    public void Header_names_are_case_insensitive_and_values_lose_surrounding_blanks()
    {
        var head = AssertComplete("GET / HTTP/1.1\r\nHOST:h\r\nupgrade: \t websocket \t\r\nsec-websocket-key:  k \r\n\r\n");

        Assert.Equal("h", head.Host);
        Assert.Equal("websocket", head.Upgrade);
        Assert.Equal("k", head.SecWebSocketKey);
    }

    [Fact]
    public void Repeated_header_is_joined_with_commas()
    {
        var head = AssertComplete("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\nConnection: Upgrade\r\n\r\n");

        Assert.Equal("keep-alive,Upgrade", head.Connection);
    }

    [Fact]
    public void Missing_headers_are_null()
    {
        var head = AssertComplete("GET / HTTP/1.0\r\n\r\n");

        Assert.Equal("HTTP/1.0", head.Protocol);
        Assert.Null(head.Host);
        Assert.Null(head.Upgrade);
        Assert.Null(head.SecWebSocketExtensions);
    }

    [Theory]
    [InlineData("Content-Length: 5", true)]
    [InlineData("Content-Length: 0", false)]
    [InlineData("Content-Length: 000", false)]
    [InlineData("Transfer-Encoding: chunked", true)]
    public void Announced_content_is_noticed(string header, bool hasBody) =>
        Assert.Equal(hasBody, AssertComplete($"GET / HTTP/1.1\r\nHost: h\r\n{header}\r\n\r\n").HasBody);

    [Theory]
    [InlineData("GET / HTTP/1.1\nHost: h\r\n\r\n")] // bare LF ends the request line
    [InlineData("GET / HTTP/1.1\r\nHost: h\n\r\n")] // bare LF ends a header
    [InlineData("GET  / HTTP/1.1\r\n\r\n")] // two spaces
    [InlineData("GET /\r\n\r\n")] // HTTP/0.9
    [InlineData("GET / HTTP/2.0\r\n\r\n")]
    [InlineData("GET / http/1.1\r\n\r\n")]
    [InlineData("GET http://example.com/ HTTP/1.1\r\n\r\n")] // absolute form: left to a full HTTP server
    [InlineData("GET * HTTP/1.1\r\n\r\n")]
    [InlineData("G(T / HTTP/1.1\r\n\r\n")] // not a token
    [InlineData("GET /caf\u00e9 HTTP/1.1\r\n\r\n")] // non-ASCII target
    [InlineData("GET / HTTP/1.1\r\nHost h\r\n\r\n")] // no colon
    [InlineData("GET / HTTP/1.1\r\n: empty-name\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHo st: h\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost : h\r\n\r\n")] // RFC 9112 5.1: no blank before the colon
    [InlineData("GET / HTTP/1.1\r\nX: a\r\n folded\r\n\r\n")] // obs-fold
    [InlineData("GET / HTTP/1.1\r\nX: a\u0001b\r\n\r\n")] // control character in a value
    [InlineData("GET / HTTP/1.1\r\nX: caf\u00e9\r\n\r\n")] // non-ASCII value
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")] // RFC 9112 3.2
    [InlineData("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nContent-Length: 1 2\r\n\r\n")]
    public void Malformed_heads_are_left_to_a_full_http_server(string text) =>
        Assert.Equal(RequestHeadStatus.Malformed, RequestHeadParser.Parse(Encoding.Latin1.GetBytes(text), Limit, Limit, out _));

    [Fact]
    public void Request_line_over_its_limit_is_too_large_even_before_it_ends()
    {
        var line = "GET /" + new string('a', 100);

        Assert.Equal(RequestHeadStatus.TooLarge, RequestHeadParser.Parse(Encoding.ASCII.GetBytes(line), 64, Limit, out _));
        Assert.Equal(RequestHeadStatus.TooLarge, RequestHeadParser.Parse(Encoding.ASCII.GetBytes(line + " HTTP/1.1\r\n\r\n"), 64, Limit, out _));
    }

    [Fact]
    public void Headers_over_their_limit_are_too_large_even_before_they_end()
    {
        var headers = "GET / HTTP/1.1\r\nX: " + new string('a', 100);

        Assert.Equal(RequestHeadStatus.TooLarge, RequestHeadParser.Parse(Encoding.ASCII.GetBytes(headers), Limit, 64, out _));
        Assert.Equal(RequestHeadStatus.TooLarge, RequestHeadParser.Parse(Encoding.ASCII.GetBytes(headers + "\r\n\r\n"), Limit, 64, out _));
    }

    [Fact]
    public void Head_exactly_at_the_limits_is_complete()
    {
        // Request line "GET / HTTP/1.1\r\n" is 16 bytes; the header line "X: aaaa\r\n" 9.
        Assert.Equal(RequestHeadStatus.Complete, RequestHeadParser.Parse("GET / HTTP/1.1\r\nX: aaaa\r\n\r\n"u8, 16, 9, out _));
        Assert.Equal(RequestHeadStatus.TooLarge, RequestHeadParser.Parse("GET / HTTP/1.1\r\nX: aaaa\r\n\r\n"u8, 15, 9, out _));
        Assert.Equal(RequestHeadStatus.TooLarge, RequestHeadParser.Parse("GET / HTTP/1.1\r\nX: aaaa\r\n\r\n"u8, 16, 8, out _));
    }

    private static RequestHead AssertComplete(string text)
    {
        var status = RequestHeadParser.Parse(Encoding.Latin1.GetBytes(text), Limit, Limit, out var head);
        Assert.Equal(RequestHeadStatus.Complete, status);
        return head!;
    }
}
