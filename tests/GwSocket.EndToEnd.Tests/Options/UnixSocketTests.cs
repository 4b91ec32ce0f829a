using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.NetworkPipe;
using GwSocket.EndToEnd.Tests.Pipes;
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

    [Fact]
    public async Task Operations_endpoint_answers_over_the_unix_socket()
    {
        using var directory = new TempDirectory();
        var path = directory.File("gws.sock");
        await using var server = await GwSocketProcess.StartOnUnixSocketAsync(path, "--echo-mode");

        await using var connection = await RawConnection.OpenUnixAsync(path);
        await connection.SendAsync("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8.ToArray());
        var response = Encoding.ASCII.GetString(await connection.ReadUntilClosedByServerAsync());

        Assert.StartsWith("HTTP/1.1 200 OK", response);
        Assert.Contains("alive", response);
    }

    [Fact]
    public async Task The_network_pipe_is_served_over_the_unix_socket_too()
    {
        using var directory = new TempDirectory();
        using var token = new PipeToken();
        var path = directory.File("gws.sock");
        await using var server = await GwSocketProcess.StartOnUnixSocketAsync(path, "--strict", token.Option);
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        await using var client = await RawWebSocket.UpgradeAsync(await RawConnection.OpenUnixAsync(path), UpgradeRequest.Valid());
        await pipeOut.NextOpenAsync(0);

        await using var producer = await RawWebSocket.UpgradeAsync(await RawConnection.OpenUnixAsync(path),
            UpgradeRequest.Valid(PipeSockets.Path).With("Authorization", $"Bearer {token.Secret}"));
        await producer.SendFrameAsync(Opcode.Binary, StrictRecord.Pack(StrictRecord.TextFor(0, "through the unix socket's pipe")));
        var (type, payload) = await client.ReceiveMessageAsync();

        Assert.Equal(Opcode.Text, type);
        Assert.Equal("through the unix socket's pipe", Encoding.UTF8.GetString(payload));
    }
}
