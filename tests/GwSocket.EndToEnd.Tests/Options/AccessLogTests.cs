using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Options;

/// <summary>
/// --access-log=PATH: one line per connection in gwsocket's format:
/// ip - - [date] "METHOD path protocol" status bytes "referer" "user-agent" elapsed-ms
/// </summary>
public sealed class AccessLogTests
{
    private const string Date = @"\[\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\]";

    [Fact]
    public async Task Upgraded_connection_is_logged_in_gwsocket_format()
    {
        using var directory = new TempDirectory();
        var log = directory.File("access.log");
        await using var server = await GwSocketProcess.StartAsync("--echo-mode", $"--access-log={log}");
        var request = UpgradeRequest.Valid("/chat?room=1")
            .With("Referer", "http://ref.example/page")
            .With("User-Agent", "e2e-agent/1.0");

        await using (var socket = await RawWebSocket.UpgradeAsync(await RawConnection.OpenTcpAsync(server.Port), request))
        {
            await socket.SendCloseAsync(CloseCodes.NormalClosure);
            await socket.ExpectCloseAsync(CloseCodes.NormalClosure);
            await socket.ReadUntilClosedByServerAsync();
        }

        var line = await LogFile.WaitForLineAsync(log, l => l.Contains("/chat?room=1"));
        Assert.Matches(
            $"""^127\.0\.0\.1 - - {Date} "GET /chat\?room=1 HTTP/1\.1" 101 \d+ "http://ref\.example/page" "e2e-agent/1\.0" \d+$""",
            line);
    }

    [Fact]
    public async Task Rejected_handshake_is_logged_with_its_status()
    {
        using var directory = new TempDirectory();
        var log = directory.File("access.log");
        await using var server = await GwSocketProcess.StartAsync("--echo-mode", $"--access-log={log}");

        await using (var connection = await RawConnection.OpenTcpAsync(server.Port))
        {
            await connection.SendAsync(UpgradeRequest.Valid("/rejected").Without("Sec-WebSocket-Key").ToBytes());
            Assert.Equal(400, (await connection.ReadResponseHeadAsync()).StatusCode);
        }

        var line = await LogFile.WaitForLineAsync(log, l => l.Contains("/rejected"));
        Assert.Matches($"""^127\.0\.0\.1 - - {Date} "GET /rejected HTTP/1\.1" 400 \d+ "-" "-" \d+$""", line);
    }
}
