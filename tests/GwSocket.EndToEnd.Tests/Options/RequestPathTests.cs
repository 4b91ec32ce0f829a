using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Options;

/// <summary>
/// No request path reads a file: a plain GET of any path (no handshake header at all) gets an empty 404 and is not
/// counted as a rejected handshake, and whatever a client puts in its request line reaches the access log escaped, on one line.
/// </summary>
public sealed class RequestPathTests
{
    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/../../../../etc/passwd")]
    [InlineData("/%2e%2e/%2e%2e/hocon/gwsocket.conf")]
    [InlineData("/gwsocket.dll")]
    [InlineData("/favicon.ico")]
    public async Task Plain_get_of_any_path_is_an_empty_404_not_a_rejected_handshake(string path)
    {
        await using var server = await GwSocketProcess.StartAsync("--echo-mode");
        // A request with handshake headers but no Upgrade is a broken handshake: 400, counted.
        Assert.Equal(400, await StatusOfAsync(server.Port,
            "GET /chat HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        await OpsHttp.ScrapeUntilAsync(server.Port,
            scraped => scraped.Value("gwsocket_handshakes_rejected_total", ("reason", "bad_request")) == 1, "the broken handshake counted");

        Assert.Equal(404, await StatusOfAsync(server.Port, $"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n"));

        // A client opened after the plain GET: once the figures show it, they show whatever the GET counted.
        using var client = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port));
        var metrics = await OpsHttp.ScrapeUntilAsync(server.Port,
            scraped => scraped.Value("gwsocket_connections_opened_total") >= 1, "the client opened after the plain GET");
        Assert.Equal(1, metrics.Value("gwsocket_handshakes_rejected_total", ("reason", "bad_request")));
    }

    private static async Task<int> StatusOfAsync(int port, string request)
    {
        await using var connection = await RawConnection.OpenTcpAsync(port);
        await connection.SendAsync(Encoding.ASCII.GetBytes(request));
        var response = await connection.ReadResponseHeadAsync();
        Assert.Equal("0", response.Header("Content-Length"));
        return response.StatusCode;
    }

    [Fact]
    public async Task Control_characters_and_quotes_from_a_client_are_escaped_in_the_access_log()
    {
        using var directory = new TempDirectory();
        var log = directory.File("access.log");
        await using var server = await GwSocketProcess.StartAsync("--echo-mode", $"--access-log={log}");
        await using (var connection = await RawConnection.OpenTcpAsync(server.Port))
        {
            // An escape sequence and a quote in the target of a plain GET: an empty 404, and its line in the access log.
            await connection.SendAsync("GET /\u001b[31mred\"quote HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray());
            Assert.Equal(404, (await connection.ReadResponseHeadAsync()).StatusCode);
        }

        var line = await LogFile.WaitForLineAsync(log, l => l.Contains("red"));

        Assert.Contains("""
            "GET /\x1b[31mred\"quote HTTP/1.1" 404
            """, line);
        Assert.DoesNotContain('\u001b', line);
    }
}
