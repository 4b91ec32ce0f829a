using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Framing;

/// <summary>
/// RFC 6455 section 5.2: frame headers a server must refuse with close 1002.
/// Literal frames use the masking key 00 00 00 00, so the masked payload reads as plain text.
/// </summary>
public sealed class FrameHeaderViolationTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task Unmasked_client_frame_is_closed_with_protocol_error()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendBytesAsync([0x81, 0x05, .. "Hello"u8]); // FIN:1 op:text MASK:0 LEN:5 "Hello"

        await socket.ExpectCloseAsync(CloseCodes.ProtocolError);
    }

    [Theory]
    [InlineData(0x40)] // RSV1
    [InlineData(0x20)] // RSV2
    [InlineData(0x10)] // RSV3
    public async Task Reserved_bit_without_extension_is_closed_with_protocol_error(int reservedBit)
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        // FIN:1 RSVn:1 op:text MASK:1 LEN:5 key:00000000 "Hello"
        await socket.SendBytesAsync([(byte)(0x81 | reservedBit), 0x85, 0x00, 0x00, 0x00, 0x00, .. "Hello"u8]);

        await socket.ExpectCloseAsync(CloseCodes.ProtocolError);
    }

    [Theory]
    [InlineData(0x3)]
    [InlineData(0x4)]
    [InlineData(0x5)]
    [InlineData(0x6)]
    [InlineData(0x7)]
    [InlineData(0xB)]
    [InlineData(0xC)]
    [InlineData(0xD)]
    [InlineData(0xE)]
    [InlineData(0xF)]
    public async Task Reserved_opcode_is_closed_with_protocol_error(int opcode)
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendBytesAsync([(byte)(0x80 | opcode), 0x80, 0x00, 0x00, 0x00, 0x00]); // FIN:1 op:reserved MASK:1 LEN:0 key:00000000

        await socket.ExpectCloseAsync(CloseCodes.ProtocolError);
    }
}
