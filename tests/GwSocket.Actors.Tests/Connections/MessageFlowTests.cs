using Akka.Actor;
using System.Text;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Tests.Transport;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Connections;

/// <summary>Messages in (to the router, or back in echo mode), frames out, ping and pong.</summary>
public sealed class MessageFlowTests(ITestOutputHelper output) : ConnectionActorTestKit(output)
{
    [Fact]
    public async Task Echo_mode_sends_a_text_message_back_unmasked_with_the_same_payload()
    {
        var connection = await ConnectAsync(Quiet with { EchoMode = true });

        await connection.SendAsync(ClientFrames.Text("héllo"));

        var echo = await connection.FromServer.ReadAsync(Patience);
        Assert.True(echo.Fin);
        Assert.Equal(0, echo.Rsv);
        Assert.False(echo.Masked);
        Assert.Equal(Opcode.Text, echo.Opcode);
        Assert.Equal(Encoding.UTF8.GetBytes("héllo"), echo.Payload);
        connection.Router.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public async Task Echo_mode_sends_a_binary_message_back_as_binary()
    {
        var connection = await ConnectAsync(Quiet with { EchoMode = true });
        byte[] payload = [0x00, 0xFF, 0x80, 0x7F];

        await connection.SendAsync(ClientFrames.Binary(payload));

        var echo = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(Opcode.Binary, echo.Opcode);
        Assert.False(echo.Masked);
        Assert.Equal(payload, echo.Payload);
    }

    [Fact]
    public async Task Without_echo_mode_a_text_message_goes_to_the_router_with_the_client_id()
    {
        var connection = await ConnectAsync(Quiet, clientId: 1234);

        await connection.SendAsync(ClientFrames.Text("to the pipe"));

        var message = await connection.Router.ExpectMsgAsync<ClientMessage>(Patience);
        Assert.Equal(1234u, message.ClientId);
        Assert.Equal(Opcode.Text, message.Type);
        Assert.Equal("to the pipe"u8.ToArray(), message.Payload);
        Assert.Empty(connection.Transport.Writes);
    }

    [Fact]
    public async Task Fragmented_message_reaches_the_router_whole_with_a_ping_between_fragments_answered()
    {
        var connection = await ConnectAsync(Quiet);
        var mask = new byte[] { 1, 2, 3, 4 };

        await connection.SendAsync([
            .. FrameEncoder.EncodeMasked(Opcode.Text, "frag"u8, mask, fin: false),
            .. ClientFrames.Ping("between"),
            .. FrameEncoder.EncodeMasked(Opcode.Continuation, "mented"u8, mask, fin: true),
        ]);

        var message = await connection.Router.ExpectMsgAsync<ClientMessage>(Patience);
        Assert.Equal("fragmented"u8.ToArray(), message.Payload);
        var pong = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(Opcode.Pong, pong.Opcode);
        Assert.Equal("between", pong.Text);
    }

    [Fact]
    public async Task Client_bytes_arriving_one_per_read_decode_to_the_same_messages()
    {
        var transport = new InMemoryTransport(maxReadSize: 1);
        var connection = await ConnectAsync(Quiet with { EchoMode = true }, transport);
        var large = new string('x', 300); // 16-bit length header

        await connection.SendAsync([.. ClientFrames.Text("first"), .. ClientFrames.Text(large)]);

        Assert.Equal("first", (await connection.FromServer.ReadAsync(Patience)).Text);
        Assert.Equal(large, (await connection.FromServer.ReadAsync(Patience)).Text);
        Assert.True(transport.CompletedReads >= 2 + 4 + 5 + 2 + 2 + 4 + 300);
    }

    [Fact]
    public async Task Ping_is_answered_with_a_pong_carrying_the_same_payload()
    {
        var connection = await ConnectAsync(Quiet);

        await connection.SendAsync(ClientFrames.Ping("are you there?"));

        var pong = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(Opcode.Pong, pong.Opcode);
        Assert.True(pong.Fin);
        Assert.False(pong.Masked);
        Assert.Equal("are you there?", pong.Text);
    }

    [Fact]
    public async Task Unsolicited_pong_is_ignored()
    {
        var connection = await ConnectAsync(Quiet with { EchoMode = true });

        await connection.SendAsync([.. ClientFrames.Pong("unasked"u8), .. ClientFrames.Text("after")]);

        var frame = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(Opcode.Text, frame.Opcode);
        Assert.Equal("after", frame.Text);
    }

    [Fact]
    public async Task SendFrame_bytes_reach_the_client_unchanged()
    {
        var connection = await ConnectAsync(Quiet);
        var frame = FrameEncoder.Encode(Opcode.Binary, new byte[70_000]); // 64-bit length header

        connection.Actor.Tell(new SendFrames([frame]));

        var received = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(Opcode.Binary, received.Opcode);
        Assert.Equal(70_000, received.Payload.Length);
        Assert.Equal(frame, connection.Transport.Writes.SelectMany(write => write).ToArray());
    }
}
