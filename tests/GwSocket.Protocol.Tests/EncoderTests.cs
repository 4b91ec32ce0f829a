using System.Text;
using GwSocket.Protocol;

namespace GwSocket.Protocol.Tests;

/// <summary>RFC 6455 section 5.2 from the server side: unmasked frames with the shortest length encoding.</summary>
public sealed class EncoderTests
{
    [Theory]
    [InlineData(0, new byte[] { 0x82, 0x00 })]                                                  // LEN:0
    [InlineData(125, new byte[] { 0x82, 0x7D })]                                                // LEN:125
    [InlineData(126, new byte[] { 0x82, 0x7E, 0x00, 0x7E })]                                    // LEN:16-bit 126
    [InlineData(65535, new byte[] { 0x82, 0x7E, 0xFF, 0xFF })]                                  // LEN:16-bit 65535
    [InlineData(65536, new byte[] { 0x82, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00 })] // LEN:64-bit 65536
    public void Header_uses_the_shortest_length_encoding(int length, byte[] expectedHeader)
    {
        var payload = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        var frame = FrameEncoder.Encode(Opcode.Binary, payload);

        Assert.Equal(expectedHeader.Length, FrameEncoder.HeaderSize(length));
        Assert.Equal(expectedHeader, frame[..expectedHeader.Length]);
        Assert.Equal(payload, frame[expectedHeader.Length..]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(65535)]
    [InlineData(65536)]
    public void Server_frames_have_the_mask_bit_clear(int length)
    {
        var frame = FrameEncoder.Encode(Opcode.Text, new byte[length]);

        Assert.Equal(0, frame[1] & 0x80);
    }

    [Fact]
    public void Rfc_unmasked_text_example()
    {
        // RFC 6455 section 5.7, "A single-frame unmasked text message".
        Assert.Equal([0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F], FrameEncoder.Encode(Opcode.Text, "Hello"u8));
    }

    [Fact]
    public void Encode_into_a_buffer_writes_the_same_frame_and_returns_its_size()
    {
        var buffer = new byte[10];
        var size = FrameEncoder.Encode(buffer, Opcode.Text, "Hello"u8);
        Assert.Equal(7, size);
        Assert.Equal([0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F], buffer[..size]); // FIN:1 op:text LEN:5 "Hello"
    }

    [Fact]
    public void Fin_clear_encodes_a_fragment()
    {
        Assert.Equal([0x01, 0x03, 0x48, 0x65, 0x6C], FrameEncoder.Encode(Opcode.Text, "Hel"u8, fin: false)); // FIN:0 op:text LEN:3
    }

    [Fact]
    public void Ping_and_pong_carry_their_opcode()
    {
        Assert.Equal([0x89, 0x01, 0x07], FrameEncoder.Encode(Opcode.Ping, [7])); // FIN:1 op:ping LEN:1
        Assert.Equal([0x8A, 0x00], FrameEncoder.Encode(Opcode.Pong, []));       // FIN:1 op:pong LEN:0
    }

    [Fact]
    public void Close_carries_the_code_big_endian_then_the_reason()
    {
        // FIN:1 op:close LEN:5 code 1001 "bye"
        Assert.Equal([0x88, 0x05, 0x03, 0xE9, 0x62, 0x79, 0x65], FrameEncoder.EncodeClose(CloseCodes.GoingAway, "bye"));
    }

    [Theory]
    [InlineData("a", 123)]  // 1-byte characters: exactly 123 bytes fit
    [InlineData("é", 122)]  // 2-byte: 61 characters, the 62nd would straddle byte 123
    [InlineData("€", 123)]  // 3-byte: 41 characters fit exactly
    [InlineData("😀", 120)] // 4-byte: 30 characters
    public void EncodeClose_truncates_long_reasons_to_123_bytes_on_a_utf8_boundary(string unit, int expectedReasonBytes)
    {
        var reason = string.Concat(Enumerable.Repeat(unit, 200));

        var frame = FrameEncoder.EncodeClose(CloseCodes.NormalClosure, reason);

        Assert.Equal(0x88, frame[0]);
        Assert.Equal(2 + expectedReasonBytes, frame[1]);
        Assert.Equal(2 + 2 + expectedReasonBytes, frame.Length);
        var decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(frame, 4, expectedReasonBytes);
        Assert.StartsWith(decoded, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeClose_keeps_a_reason_that_fits()
    {
        var reason = new string('x', FrameEncoder.MaxCloseReasonBytes);

        var frame = FrameEncoder.EncodeClose(CloseCodes.NormalClosure, reason);

        Assert.Equal(125, frame[1]);
        Assert.Equal(reason, Encoding.ASCII.GetString(frame, 4, frame.Length - 4));
    }

    [Fact]
    public void EncodeMasked_sets_the_mask_bit_and_masks_the_payload()
    {
        // RFC 6455 section 5.7, "A single-frame masked text message".
        var frame = FrameEncoder.EncodeMasked(Opcode.Text, "Hello"u8, [0x37, 0xFA, 0x21, 0x3D]);

        Assert.Equal([0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58], frame);
    }
}
