using System.IO.Compression;
using System.Text;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using GwSocket.Protocol.Compression;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Connections;

/// <summary>A connection that negotiated permessage-deflate: compressed messages in, compressed echoes out.</summary>
public sealed class DeflateConnectionTests(ITestOutputHelper output) : ConnectionActorTestKit(output)
{
    private static readonly byte[] Json = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"level\":\"info\",\"msg\":\"tick\"},", 60)));

    [Fact]
    public async Task Compressed_client_message_reaches_the_router_inflated()
    {
        var connection = await ConnectAsync(Quiet, clientId: 7, deflate: PerMessageDeflate.Default);

        await connection.SendAsync(CompressedClientFrame(Opcode.Text, Json));

        var message = await connection.Router.ExpectMsgAsync<ClientMessage>(Patience);
        Assert.Equal(Opcode.Text, message.Type);
        Assert.Equal(Json, message.Payload);
    }

    [Fact]
    public async Task Echo_is_compressed_for_a_client_that_negotiated_and_plain_when_short()
    {
        var connection = await ConnectAsync(Quiet with { EchoMode = true }, deflate: PerMessageDeflate.Default);

        await connection.SendAsync(CompressedClientFrame(Opcode.Text, Json));
        await connection.SendAsync(CompressedClientFrame(Opcode.Text, "short"u8.ToArray()));

        var compressedEcho = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(4, compressedEcho.Rsv); // RSV1
        Assert.Equal(Json, Inflate(compressedEcho.Payload));
        var plainEcho = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(0, plainEcho.Rsv);
        Assert.Equal("short"u8.ToArray(), plainEcho.Payload);
    }

    [Fact]
    public async Task Compressed_frame_on_a_connection_that_did_not_negotiate_fails_with_1002()
    {
        var connection = await ConnectAsync(Quiet);

        await connection.SendAsync(CompressedClientFrame(Opcode.Text, Json));

        var close = await connection.FromServer.ReadAsync(Patience);
        Assert.Equal(Opcode.Close, close.Opcode);
        Assert.Equal(CloseCodes.ProtocolError, close.CloseCode);
    }

    private static byte[] CompressedClientFrame(Opcode type, byte[] payload)
    {
        var output = new MemoryStream();
        using var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true);
        deflate.Write(payload);
        deflate.Flush();
        return FrameEncoder.EncodeMasked(type, output.ToArray()[..^4], [1, 2, 3, 4], compressed: true);
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var inflate = new DeflateStream(new MemoryStream([.. compressed, 0x00, 0x00, 0xFF, 0xFF]), CompressionMode.Decompress);
        var output = new MemoryStream();
        inflate.CopyTo(output);
        return output.ToArray();
    }
}
