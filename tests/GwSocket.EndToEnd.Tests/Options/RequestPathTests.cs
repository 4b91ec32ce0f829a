using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Options;

/// <summary>
/// No request path reads a file: a plain GET of any path is refused with an empty 400, and whatever a client
/// puts in its request line reaches the access log escaped, on one line.
/// </summary>
public sealed class RequestPathTests
{
    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/../../../../etc/passwd")]
    [InlineData("/%2e%2e/%2e%2e/hocon/gwsocket.conf")]
    [InlineData("/gwsocket.dll")]
    public async Task Plain_get_of_any_path_is_an_empty_400(string path)
    {
        await using var server = await GwSocketProcess.StartAsync("--echo-mode");
        await using var connection = await RawConnection.OpenTcpAsync(server.Port);

        await connection.SendAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        var response = await connection.ReadResponseHeadAsync();

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("0", response.Header("Content-Length"));
    }

    [Fact]
    public async Task Control_characters_and_quotes_from_a_client_are_escaped_in_the_access_log()
    {
        using var directory = new TempDirectory();
        var log = directory.File("access.log");
        await using var server = await GwSocketProcess.StartAsync("--echo-mode", $"--access-log={log}");
        await using (var connection = await RawConnection.OpenTcpAsync(server.Port))
        {
            // An escape sequence and a quote in the target: Kestrel refuses it itself, before the upgrade handler.
            await connection.SendAsync("GET /\u001b[31mred\"quote HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray());
            Assert.Equal(400, (await connection.ReadResponseHeadAsync()).StatusCode);
        }

        var line = await LogFile.WaitForLineAsync(log, l => l.Contains("red"));

        Assert.Contains("""
            "GET /\x1b[31mred\"quote HTTP/1.1" 400
            """, line);
        Assert.DoesNotContain('\u001b', line);
    }
}
