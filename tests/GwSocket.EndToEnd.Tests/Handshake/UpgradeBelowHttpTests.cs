using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Handshake;

/// <summary>
/// The first request of a connection is read below HTTP: an upgrade is answered there, anything else reaches
/// Kestrel's HTTP stack with every byte intact. These cut the bytes where that split could lose or misplace some.
/// </summary>
public sealed class UpgradeBelowHttpTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task Requests_pipelined_behind_a_plain_GET_on_a_keep_alive_connection_reach_the_operations_endpoints()
    {
        await using var connection = await RawConnection.OpenTcpAsync(fixture.Port);
        // Three requests in one write: the listener sees all of them in its first read and must hand all to HTTP.
        await connection.SendAsync(Encoding.ASCII.GetBytes(
            "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n" +
            "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n" +
            "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));

        var responses = Encoding.ASCII.GetString(await connection.ReadUntilClosedByServerAsync());

        Assert.Equal(3, CountOf(responses, "HTTP/1.1 200 OK"));
        Assert.Equal(2, CountOf(responses, "alive"));
        Assert.Contains("gwsocket_", responses);
    }

    [Fact]
    public async Task Operations_request_after_an_answered_one_on_the_same_connection_is_served()
    {
        await using var connection = await RawConnection.OpenTcpAsync(fixture.Port);
        // HEAD: a response without content, so that the next bytes are the second response's.
        await connection.SendAsync("HEAD /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray());
        Assert.Equal(200, (await connection.ReadResponseHeadAsync()).StatusCode);

        await connection.SendAsync("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8.ToArray());

        var rest = Encoding.ASCII.GetString(await connection.ReadUntilClosedByServerAsync());
        Assert.StartsWith("HTTP/1.1 200 OK", rest);
    }

    [Fact]
    public async Task Upgrade_sent_one_byte_per_write_is_accepted_and_echoes()
    {
        var connection = await RawConnection.OpenTcpAsync(fixture.Port);
        foreach (var b in UpgradeRequest.Valid("/one-byte-at-a-time").ToBytes())
            await connection.SendAsync(new[] { b });

        var response = await connection.ReadResponseHeadAsync();
        Assert.Equal(101, response.StatusCode);
        Assert.Equal(UpgradeRequest.SampleAccept, response.Header("Sec-WebSocket-Accept"));
        await using var socket = RawWebSocket.Over(connection);
        await socket.SendTextAsync("after a slow head");
        Assert.Equal("after a slow head"u8.ToArray(), (await socket.ReceiveMessageAsync()).Payload);
    }

    [Fact]
    public async Task Frames_sent_in_the_same_write_as_the_upgrade_request_are_read_as_frames()
    {
        var connection = await RawConnection.OpenTcpAsync(fixture.Port);
        var frame = FrameEncoder.EncodeMasked(Opcode.Text, "right behind the head"u8.ToArray(), [1, 2, 3, 4], fin: true);
        await connection.SendAsync(UpgradeRequest.Valid().ToBytes().Concat(frame).ToArray());

        Assert.Equal(101, (await connection.ReadResponseHeadAsync()).StatusCode);
        await using var socket = RawWebSocket.Over(connection);
        Assert.Equal("right behind the head"u8.ToArray(), (await socket.ReceiveMessageAsync()).Payload);
    }

    [Fact]
    public async Task Upgrade_request_with_content_is_refused_with_400()
    {
        await using var connection = await RawConnection.OpenTcpAsync(fixture.Port);
        var request = UpgradeRequest.Valid("/with-body").With("Content-Length", "5").ToBytes();
        await connection.SendAsync(request.Concat("hello"u8.ToArray()).ToArray());

        var response = await connection.ReadResponseHeadAsync();

        Assert.Equal(400, response.StatusCode);
        Assert.Null(response.Header("Sec-WebSocket-Accept"));
        Assert.Equal("close", response.Header("Connection"));
    }

    [Fact]
    public async Task Upgrade_request_with_chunked_content_is_refused_with_400()
    {
        await using var connection = await RawConnection.OpenTcpAsync(fixture.Port);
        var request = UpgradeRequest.Valid("/chunked").With("Transfer-Encoding", "chunked").ToBytes();
        await connection.SendAsync(request.Concat("5\r\nhello\r\n0\r\n\r\n"u8.ToArray()).ToArray());

        Assert.Equal(400, (await connection.ReadResponseHeadAsync()).StatusCode);
    }

    /// <summary>
    /// RFC 6455 4.1: after the 101 only frames may follow. A second HTTP request pipelined behind the upgrade is
    /// therefore read as a frame; 'G' (0x47) has RSV1 set with no extension negotiated, a protocol error (5.2).
    /// </summary>
    [Fact]
    public async Task Request_pipelined_behind_an_upgrade_is_read_as_frames_and_closes_with_1002()
    {
        var connection = await RawConnection.OpenTcpAsync(fixture.Port);
        var second = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray();
        await connection.SendAsync(UpgradeRequest.Valid().ToBytes().Concat(second).ToArray());

        Assert.Equal(101, (await connection.ReadResponseHeadAsync()).StatusCode);
        await using var socket = RawWebSocket.Over(connection);
        await socket.ExpectCloseAsync(CloseCodes.ProtocolError);
        await socket.ReadUntilClosedByServerAsync();
    }

    [Fact]
    public async Task Upgrade_behind_an_operations_request_on_a_keep_alive_connection_is_still_served()
    {
        var connection = await RawConnection.OpenTcpAsync(fixture.Port);
        // HEAD: a response without content, so that the next bytes are the 101's.
        await connection.SendAsync("HEAD /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray());
        Assert.Equal(200, (await connection.ReadResponseHeadAsync()).StatusCode);

        await using var socket = await RawWebSocket.UpgradeAsync(connection, UpgradeRequest.Valid("/second-request"));
        await socket.SendTextAsync("through HTTP");
        Assert.Equal("through HTTP"u8.ToArray(), (await socket.ReceiveMessageAsync()).Payload);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
