using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Handshake;

/// <summary>
/// A client that has its 101 is a client of the broker: what pipe-in carries from then on reaches it, with no
/// "registered" signal to wait for first (the server registers a connection before it answers the upgrade).
/// </summary>
public sealed class BroadcastAfterHandshakeTests
{
    private const int Clients = 300;

    [Fact]
    public Task A_client_that_has_its_101_gets_the_next_broadcast() =>
        EachClientGetsTheBroadcastWrittenAfterIts101Async(beforeUpgrade: _ => Task.CompletedTask);

    [Fact]
    public Task A_client_upgraded_behind_a_plain_request_on_a_keep_alive_connection_gets_the_next_broadcast() =>
        // The upgrade behind an answered request goes through Kestrel's HTTP stack, not the listener below it.
        EachClientGetsTheBroadcastWrittenAfterIts101Async(beforeUpgrade: async connection =>
        {
            await connection.SendAsync("HEAD /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray());
            Assert.Equal(200, (await connection.ReadResponseHeadAsync()).StatusCode);
        });

    private static async Task EachClientGetsTheBroadcastWrittenAfterIts101Async(Func<RawConnection, Task> beforeUpgrade)
    {
        await using var server = await GwSocketProcess.StartAsync("--strict");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        await using var producer = new FileStream(server.PipeIn, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);

        // One client at a time, each written to the moment its 101 has arrived: the window a late registration leaves is
        // a fraction of a millisecond, so one client alone rarely falls into it.
        for (var i = 0; i < Clients; i++)
        {
            await using var connection = await RawConnection.OpenTcpAsync(server.Port);
            await beforeUpgrade(connection);
            await connection.SendAsync(UpgradeRequest.Valid($"/client-{i}").ToBytes());
            Assert.Equal(101, (await connection.ReadWholeResponseHeadAsync()).StatusCode);
            var text = $"broadcast {i}";
            await producer.WriteAsync(StrictRecord.TextFor(0, text).ToBytes());

            var socket = RawWebSocket.Over(connection);
            var (type, payload) = await ReceiveOrExplainAsync(socket, server, i);
            Assert.Equal((Opcode.Text, text), (type, Encoding.UTF8.GetString(payload)));
        }
    }

    private static async Task<(Opcode Type, byte[] Payload)> ReceiveOrExplainAsync(RawWebSocket socket, GwSocketProcess server, int client)
    {
        try
        {
            return await socket.ReceiveMessageAsync();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"client {client} of {Clients} had its 101 but not the broadcast written after it{server.Diagnostics()}", e);
        }
    }
}
