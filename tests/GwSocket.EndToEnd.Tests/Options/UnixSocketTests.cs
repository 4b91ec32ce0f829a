using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Options;

/// <summary>--unix-socket=PATH: WebSockets over a unix domain socket.</summary>
public sealed class UnixSocketTests
{
    [Fact]
    public async Task Handshake_and_echo_over_a_unix_socket()
    {
        using var directory = new TempDirectory();
        var path = directory.File("gws.sock");
        await using var server = await GwSocketProcess.StartOnUnixSocketAsync(path, "--echo-mode");

        await using var socket = await RawWebSocket.UpgradeAsync(await RawConnection.OpenUnixAsync(path), UpgradeRequest.Valid());
        await socket.SendTextAsync("over a unix socket");
        var (type, payload) = await socket.ReceiveMessageAsync();

        Assert.Equal(Opcode.Text, type);
        Assert.Equal("over a unix socket"u8.ToArray(), payload);
    }
}
