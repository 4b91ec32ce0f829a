using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Limits;

/// <summary>--max-connections=N: the N+1th upgrade gets 503 and is logged; a client that leaves frees its slot.</summary>
public sealed class ConnectionCapTests
{
    [Fact]
    public async Task Upgrade_beyond_max_connections_gets_503_and_a_freed_slot_is_taken_again()
    {
        using var directory = new TempDirectory();
        var log = directory.File("access.log");
        await using var server = await GwSocketProcess.StartAsync("--echo-mode", "--max-connections=2", $"--access-log={log}");
        await using var first = await RawWebSocket.ConnectAsync(server.Port, "/first");
        await using var second = await RawWebSocket.ConnectAsync(server.Port, "/second");

        var refused = await UpgradeStatusAsync(server.Port, "/third");
        await first.DisposeAsync();
        await LogFile.WaitForLineAsync(log, l => l.Contains("/first"));
        await using var fourth = await RawWebSocket.ConnectAsync(server.Port, "/fourth");
        await second.SendTextAsync("served");

        Assert.Equal(503, refused);
        Assert.Matches("""^127\.0\.0\.1 - - \[[^]]+\] "GET /third HTTP/1\.1" 503 \d+ "-" "-" \d+$""",
            await LogFile.WaitForLineAsync(log, l => l.Contains("/third")));
        Assert.Equal("served", Encoding.UTF8.GetString((await second.ReceiveMessageAsync()).Payload));
    }

    private static async Task<int> UpgradeStatusAsync(int port, string path)
    {
        await using var connection = await RawConnection.OpenTcpAsync(port);
        await connection.SendAsync(UpgradeRequest.Valid(path).ToBytes());
        return (await connection.ReadResponseHeadAsync()).StatusCode;
    }
}
