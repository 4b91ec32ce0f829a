using System.Buffers;
using System.Text;
using GwSocket.Protocol.Http;

namespace GwSocket.Protocol.Tests.Http;

/// <summary>RFC 6455 4.2.2 and 4.4: the response heads the server writes itself.</summary>
public sealed class HandshakeResponsesTests
{
    [Fact]
    public void Switching_protocols_carries_the_accept_value_of_rfc6455_section_1_3()
    {
        var response = Written(output => HandshakeResponses.WriteSwitchingProtocols(output, "dGhlIHNhbXBsZSBub25jZQ=="));

        Assert.Equal(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
            response);
    }

    [Fact]
    public void Switching_protocols_names_the_negotiated_extension()
    {
        var response = Written(output => HandshakeResponses.WriteSwitchingProtocols(
            output, "dGhlIHNhbXBsZSBub25jZQ==", "permessage-deflate; server_no_context_takeover"));

        Assert.EndsWith("\r\nSec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n\r\n", response);
    }

    [Fact]
    public void Refusal_has_no_content_and_closes_the_connection()
    {
        var response = Written(output => HandshakeResponses.WriteRefusal(output, 403, new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.FromHours(1))));

        Assert.Equal(
            "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\nDate: Wed, 02 Dec 2026 11:00:00 GMT\r\n\r\n",
            response);
    }

    [Fact]
    public void Upgrade_required_names_version_13()
    {
        var response = Written(output => HandshakeResponses.WriteRefusal(output, 426, DateTimeOffset.UnixEpoch));

        Assert.StartsWith("HTTP/1.1 426 Upgrade Required\r\n", response);
        Assert.EndsWith("\r\nSec-WebSocket-Version: 13\r\n\r\n", response);
    }

    [Fact]
    public void Accept_key_written_into_bytes_is_the_computed_one()
    {
        var bytes = new byte[Handshake.AcceptKeyLength];
        Handshake.WriteAcceptKey(" dGhlIHNhbXBsZSBub25jZQ== ", bytes);

        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Encoding.ASCII.GetString(bytes));
    }

    private static string Written(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return Encoding.ASCII.GetString(output.WrittenSpan);
    }
}
