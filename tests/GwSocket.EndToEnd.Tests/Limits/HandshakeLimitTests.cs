using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Limits;

/// <summary>
/// Hostile handshakes: a request head over --max-header-size gets 431, a connection that does not finish its
/// request within --handshake-timeout is closed (slowloris), and each is a line in the access log.
/// </summary>
public sealed class HandshakeLimitTests(HandshakeLimitTests.ShortTimeoutServerFixture fixture)
    : IClassFixture<HandshakeLimitTests.ShortTimeoutServerFixture>
{
    private const int HandshakeTimeoutSeconds = 2;
    private const string Date = @"\[[^]]+\]";

    [Fact]
    public async Task Request_head_over_8_KiB_gets_431_and_is_logged()
    {
        var request = UpgradeRequest.Valid("/big-head").With("X-Padding", new string('a', 8 * 1024));
        await using var connection = await RawConnection.OpenTcpAsync(fixture.Port);

        await connection.SendAsync(request.ToBytes());

        Assert.Equal(431, (await connection.ReadResponseHeadAsync()).StatusCode);
        var line = await LogFile.WaitForLineAsync(fixture.AccessLog, l => l.Contains("/big-head"));
        Assert.Matches($"""^127\.0\.0\.1 - - {Date} "GET /big-head HTTP/1\.1" 431 \d+ "-" "-" \d+$""", line);
    }

    [Fact]
    public async Task Request_head_just_under_8_KiB_upgrades()
    {
        var request = UpgradeRequest.Valid("/full-head");
        var padding = 8 * 1024 - request.ToBytes().Length - "X-Padding: \r\n".Length;
        await using var socket = await RawWebSocket.UpgradeAsync(
            await RawConnection.OpenTcpAsync(fixture.Port), request.With("X-Padding", new string('a', padding)));

        await socket.SendTextAsync("still served");

        Assert.Equal("still served", Encoding.UTF8.GetString((await socket.ReceiveMessageAsync()).Payload));
    }

    [Fact]
    public async Task Request_sent_byte_by_byte_too_slowly_is_closed_after_the_handshake_timeout_and_logged_as_408()
    {
        await using var connection = await RawConnection.OpenTcpAsync(fixture.Port);
        var started = DateTime.UtcNow;

        // Slowloris: the request line and one header, then nothing more.
        await connection.SendAsync("GET /slowloris HTTP/1.1\r\nHost: localhost\r\n"u8.ToArray());
        await connection.ReadUntilClosedByServerAsync();

        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(HandshakeTimeoutSeconds - 0.5), "closed before the handshake timeout");
        var line = await LogFile.WaitForLineAsync(fixture.AccessLog, l => l.Contains("/slowloris"));
        Assert.Matches($"""^127\.0\.0\.1 - - {Date} "GET /slowloris HTTP/1\.1" 408 \d+ "-" "-" \d+$""", line);
    }

    [Fact]
    public async Task Silent_connection_is_closed_after_the_handshake_timeout_while_a_client_keeps_being_served()
    {
        static bool IsSilentTimeout(string line) => line.Contains("\"- - -\" 408 0 ");
        var earlierTimeouts = LogFile.CountLines(fixture.AccessLog, IsSilentTimeout);
        await using var client = await RawWebSocket.ConnectAsync(fixture.Port);
        await using var silent = await RawConnection.OpenTcpAsync(fixture.Port);

        await silent.ReadUntilClosedByServerAsync();
        await client.SendTextAsync("after the timeout");

        Assert.Equal("after the timeout", Encoding.UTF8.GetString((await client.ReceiveMessageAsync()).Payload));
        await Eventually.TrueAsync(
            () => LogFile.CountLines(fixture.AccessLog, IsSilentTimeout) > earlierTimeouts,
            () => "the silent connection's 408 is not in the access log");
    }

    [Fact]
    public async Task Upgraded_client_is_not_cut_by_the_handshake_timeout()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);
        await using var witness = await RawConnection.OpenTcpAsync(fixture.Port);

        // The witness is dropped after the timeout; by then the client has outlived it.
        await witness.ReadUntilClosedByServerAsync();
        await socket.SendFrameAsync(Opcode.Binary, [1, 2, 3]);

        Assert.Equal([1, 2, 3], (await socket.ReceiveMessageAsync()).Payload);
    }

    public sealed class ShortTimeoutServerFixture : IAsyncLifetime
    {
        private readonly TempDirectory _directory = new();
        private GwSocketProcess? _server;

        public string AccessLog => _directory.File("access.log");

        public int Port => _server?.Port ?? throw new InvalidOperationException("The server has not been started.");

        public async Task InitializeAsync() => _server = await GwSocketProcess.StartAsync(
            "--echo-mode", $"--handshake-timeout={HandshakeTimeoutSeconds}", $"--access-log={AccessLog}");

        public async Task DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }

            _directory.Dispose();
        }
    }
}
