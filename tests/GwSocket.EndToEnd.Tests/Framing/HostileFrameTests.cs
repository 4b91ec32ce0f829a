using System.Buffers.Binary;
using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Framing;

/// <summary>
/// Hostile frames against the real server: each closes the connection concerned with its code, while a bystander
/// connected to the same server keeps being served.
/// </summary>
public sealed class HostileFrameTests(SmallLimitEchoServerFixture fixture) : IClassFixture<SmallLimitEchoServerFixture>
{
    private const int Limit = SmallLimitEchoServerFixture.Limit;

    [Theory]
    [InlineData(Limit + 1UL)]
    [InlineData((ulong)uint.MaxValue)]
    [InlineData((ulong)long.MaxValue)]
    public async Task Declared_length_up_to_2e63_minus_1_is_closed_with_1009(ulong declared)
    {
        await using var bystander = await RawWebSocket.ConnectAsync(fixture.Port);
        await using var hostile = await RawWebSocket.ConnectAsync(fixture.Port);

        await hostile.SendBytesAsync(Header64(Opcode.Binary, declared));

        await hostile.ExpectCloseAsync(CloseCodes.MessageTooBig);
        await AssertServedAsync(bystander);
    }

    [Fact]
    public async Task Message_of_one_byte_fragments_up_to_the_limit_is_echoed_whole()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendBytesAsync(OneByteFragments(Limit));
        var (type, payload) = await socket.ReceiveMessageAsync();

        Assert.Equal(Opcode.Binary, type);
        Assert.Equal(Limit, payload.Length);
    }

    [Fact]
    public async Task One_byte_fragments_beyond_the_limit_on_the_whole_message_are_closed_with_1009()
    {
        await using var bystander = await RawWebSocket.ConnectAsync(fixture.Port);
        await using var hostile = await RawWebSocket.ConnectAsync(fixture.Port);

        await hostile.SendBytesAsync(OneByteFragments(Limit + 1));

        await hostile.ExpectCloseAsync(CloseCodes.MessageTooBig);
        await AssertServedAsync(bystander);
    }

    [Fact]
    public async Task Ping_flood_gets_pongs_in_order_and_the_connection_keeps_working()
    {
        const int pings = 5000;
        await using var bystander = await RawWebSocket.ConnectAsync(fixture.Port);
        await using var flooder = await RawWebSocket.ConnectAsync(fixture.Port);
        var flood = new MemoryStream();
        for (var i = 0; i < pings; i++)
        {
            flood.Write(FrameEncoder.EncodeMasked(Opcode.Ping, BitConverter.GetBytes(i), [1, 2, 3, 4]));
        }

        // Sent without reading: pongs pile up on the server's side unless it keeps only the latest.
        await flooder.SendBytesAsync(flood.ToArray());
        await flooder.SendTextAsync("after the flood");
        var last = -1;
        ServerFrame frame;
        while ((frame = await flooder.ReceiveFrameAsync()).Opcode == Opcode.Pong)
        {
            var answered = BitConverter.ToInt32(frame.Payload);
            Assert.True(answered > last, $"pong for ping {answered} after the pong for ping {last}");
            last = answered;
        }

        Assert.Equal(Opcode.Text, frame.Opcode);
        Assert.Equal("after the flood", Encoding.UTF8.GetString(frame.Payload));
        await AssertServedAsync(bystander);
    }

    [Theory]
    [InlineData(new byte[] { 0x03 }, CloseCodes.ProtocolError)]                    // one byte: no room for a code
    [InlineData(new byte[] { 0x03, 0xED }, CloseCodes.ProtocolError)]              // 1005, never sent on the wire
    [InlineData(new byte[] { 0x00, 0x00, 0xFF }, CloseCodes.ProtocolError)]        // code 0
    [InlineData(new byte[] { 0x03, 0xE8, 0xC0, 0xAF }, CloseCodes.InvalidPayload)] // 1000 with an overlong UTF-8 reason
    [InlineData(new byte[] { 0x03, 0xE8, 0xFF, 0xFE, 0xFD }, CloseCodes.InvalidPayload)]
    public async Task Close_frame_with_garbage_is_answered_with_its_code(byte[] closePayload, ushort expected)
    {
        await using var bystander = await RawWebSocket.ConnectAsync(fixture.Port);
        await using var hostile = await RawWebSocket.ConnectAsync(fixture.Port);

        await hostile.SendFrameAsync(Opcode.Close, closePayload);

        await hostile.ExpectCloseAsync(expected);
        await hostile.ReadUntilClosedByServerAsync();
        await AssertServedAsync(bystander);
    }

    [Fact]
    public async Task Client_resetting_tcp_mid_frame_leaves_the_others_served()
    {
        await using var bystander = await RawWebSocket.ConnectAsync(fixture.Port);
        var hostile = await RawWebSocket.ConnectAsync(fixture.Port);

        // FIN:1 op:text MASK:1 LEN:100, the mask key and 10 of the 100 bytes, then RST.
        await hostile.SendBytesAsync([0x81, 0xE4, 1, 2, 3, 4, .. new byte[10]]);
        hostile.Reset();

        await AssertServedAsync(bystander);
        await using var newcomer = await RawWebSocket.ConnectAsync(fixture.Port);
        await AssertServedAsync(newcomer);
    }

    private static async Task AssertServedAsync(RawWebSocket client)
    {
        await client.SendTextAsync("still served");
        var (type, payload) = await client.ReceiveMessageAsync();
        Assert.Equal(Opcode.Text, type);
        Assert.Equal("still served", Encoding.UTF8.GetString(payload));
    }

    /// <summary>A masked header announcing <paramref name="length"/> bytes in the 64-bit form, with no payload after it.</summary>
    private static byte[] Header64(Opcode opcode, ulong length)
    {
        var header = new byte[14];
        header[0] = (byte)(0x80 | (byte)opcode);
        header[1] = 0xFF;
        BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(2), length);
        return header;
    }

    private static byte[] OneByteFragments(int count)
    {
        var stream = new MemoryStream();
        for (var i = 0; i < count; i++)
        {
            stream.Write(FrameEncoder.EncodeMasked(i == 0 ? Opcode.Binary : Opcode.Continuation, [(byte)i], [9, 8, 7, 6], fin: i == count - 1));
        }
        return stream.ToArray();
    }
}
