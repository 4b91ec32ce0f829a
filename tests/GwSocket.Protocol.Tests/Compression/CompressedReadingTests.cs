using System.IO.Compression;
using System.Text;
using GwSocket.Protocol.Compression;
using static GwSocket.Protocol.Tests.ReaderFixture;

namespace GwSocket.Protocol.Tests.Compression;

/// <summary>
/// RFC 7692 sections 6 and 7.2.2: compressed messages from a client that negotiated permessage-deflate. The RFC's
/// examples are server frames; here they carry MASK:1 and the all-zero key so their payload reads as in the RFC.
/// </summary>
public sealed class CompressedReadingTests
{
    [Fact]
    public void Rfc_hello_in_one_compressed_frame_inflates()
    {
        // 7.2.3.1: FIN:1 RSV1:1 op:text LEN:7, "Hello" as one compressed DEFLATE block.
        byte[] frame = [0xC1, 0x87, 0, 0, 0, 0, 0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00];
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertOk(reader.Feed(frame));

        Assert.Equal([Received.Text("Hello")], reader.Events);
    }

    [Fact]
    public void Rfc_hello_in_two_fragments_inflates()
    {
        // 7.2.3.1: RSV1 on the first fragment only.
        byte[] first = [0x41, 0x83, 0, 0, 0, 0, 0xF2, 0x48, 0xCD];    // FIN:0 RSV1:1 op:text LEN:3
        byte[] second = [0x80, 0x84, 0, 0, 0, 0, 0xC9, 0xC9, 0x07, 0x00]; // FIN:1 op:continuation LEN:4
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertOk(reader.Feed(first, second));

        Assert.Equal([Received.Text("Hello")], reader.Events);
    }

    [Fact]
    public void Rfc_stored_block_inflates()
    {
        // 7.2.3.3: a DEFLATE block with no compression (LEN 5, NLEN ~5), then the start of the removed empty block.
        byte[] frame = [0xC1, 0x8B, 0, 0, 0, 0, 0x00, 0x05, 0x00, 0xFA, 0xFF, 0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x00];
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertOk(reader.Feed(frame));

        Assert.Equal([Received.Text("Hello")], reader.Events);
    }

    [Fact]
    public void Rfc_block_with_bfinal_set_inflates()
    {
        // 7.2.3.4: the sender ended the DEFLATE stream with a final block; the appended tail is then ignored.
        byte[] frame = [0xC1, 0x88, 0, 0, 0, 0, 0xF3, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00, 0x00];
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertOk(reader.Feed(frame));

        Assert.Equal([Received.Text("Hello")], reader.Events);
    }

    [Fact]
    public void Rfc_two_blocks_in_one_message_inflate()
    {
        // 7.2.3.5: "He" then a sync flush, then "llo".
        byte[] frame = [0xC1, 0x8D, 0, 0, 0, 0, 0xF2, 0x48, 0x05, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xCA, 0xC9, 0xC9, 0x07, 0x00];
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertOk(reader.Feed(frame));

        Assert.Equal([Received.Text("Hello")], reader.Events);
    }

    [Fact]
    public void Rfc_shared_window_second_message_fails_because_the_client_agreed_not_to_take_over_context()
    {
        // 7.2.3.2: the second "Hello" is a back-reference into the first message. The server answers
        // client_no_context_takeover and keeps no window between messages, so this client broke the agreement.
        byte[] first = [0xC1, 0x87, 0, 0, 0, 0, 0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00];
        byte[] second = [0xC1, 0x85, 0, 0, 0, 0, 0xF2, 0x00, 0x11, 0x00, 0x00];
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertFails(CloseCodes.InvalidPayload, reader.Feed(first, second));

        Assert.Equal([Received.Text("Hello")], reader.Events);
    }

    [Fact]
    public void Empty_compressed_message_inflates_to_an_empty_message()
    {
        // An empty stored block without its tail: the single byte 0x00.
        Assert.Equal([0x00], MessageCompressor.CompressPayload(ReadOnlySpan<byte>.Empty));
        byte[] frame = [0xC1, 0x81, 0, 0, 0, 0, 0x00]; // FIN:1 RSV1:1 op:text LEN:1
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertOk(reader.Feed(frame));

        Assert.Equal([Received.Text("")], reader.Events);
    }

    [Fact]
    public void Same_message_twice_without_context_takeover_inflates_twice()
    {
        byte[] frame = [0xC1, 0x87, 0, 0, 0, 0, 0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00];
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertOk(reader.Feed(frame, frame));

        Assert.Equal([Received.Text("Hello"), Received.Text("Hello")], reader.Events);
    }

    [Fact]
    public void Uncompressed_message_on_a_deflate_connection_reads_as_before()
    {
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertOk(reader.Feed(ClientFrames.Text("plain")));

        Assert.Equal([Received.Text("plain")], reader.Events);
    }

    [Fact]
    public void Compressed_binary_message_inflates()
    {
        var payload = Enumerable.Range(0, 3000).Select(i => (byte)(i % 7)).ToArray();
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertOk(reader.Feed(Compressed(Opcode.Binary, payload)));

        Assert.Equal([Received.Binary(payload)], reader.Events);
    }

    [Fact]
    public void Rsv1_without_negotiation_fails_with_1002()
    {
        byte[] frame = [0xC1, 0x87, 0, 0, 0, 0, 0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00];
        using var reader = new ReaderFixture(perMessageDeflate: false);

        AssertFails(CloseCodes.ProtocolError, reader.Feed(frame));
        Assert.Empty(reader.Events);
    }

    [Fact]
    public void Rsv1_on_a_continuation_frame_fails_with_1002()
    {
        byte[] first = [0x41, 0x83, 0, 0, 0, 0, 0xF2, 0x48, 0xCD];    // FIN:0 RSV1:1 op:text
        byte[] second = [0xC0, 0x84, 0, 0, 0, 0, 0xC9, 0xC9, 0x07, 0x00]; // FIN:1 RSV1:1 op:continuation
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertFails(CloseCodes.ProtocolError, reader.Feed(first, second));
        Assert.Empty(reader.Events);
    }

    [Theory]
    [InlineData(0x89)] // ping
    [InlineData(0x8A)] // pong
    [InlineData(0x88)] // close
    public void Rsv1_on_a_control_frame_fails_with_1002(byte firstByte)
    {
        byte[] frame = [(byte)(firstByte | 0x40), 0x80, 0, 0, 0, 0];
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertFails(CloseCodes.ProtocolError, reader.Feed(frame));
    }

    [Theory]
    [InlineData(0x20)] // RSV2
    [InlineData(0x10)] // RSV3
    public void Other_reserved_bits_still_fail_with_1002(byte rsv)
    {
        byte[] frame = [(byte)(0xC1 | rsv), 0x87, 0, 0, 0, 0, 0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00];
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertFails(CloseCodes.ProtocolError, reader.Feed(frame));
    }

    [Fact]
    public void Control_frame_between_compressed_fragments_is_delivered_and_the_message_completes()
    {
        var compressed = MessageCompressor.CompressPayload("Hello, world"u8);
        var first = FrameEncoder.EncodeMasked(Opcode.Text, compressed.AsSpan(0, 4), ClientFrames.Mask, fin: false, compressed: true);
        var second = ClientFrames.Continuation(compressed.AsSpan(4), fin: true);
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertOk(reader.Feed(first, ClientFrames.Ping(1, 2), second));

        Assert.Equal([Received.Ping(1, 2), Received.Text("Hello, world")], reader.Events);
    }

    [Fact]
    public void Zip_bomb_fails_with_1009_once_the_limit_is_passed()
    {
        // 1 MiB of compressed zeros inflates to about 1 GB; the reader stops after the 1 MiB limit.
        var bomb = ZerosCompressed(1L << 30);
        Assert.True(bomb.Length < 1_100_000, $"bomb is {bomb.Length} bytes");
        using var reader = new ReaderFixture(limit: 1 << 20, perMessageDeflate: true);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        AssertFails(CloseCodes.MessageTooBig, reader.FeedInReads(
            FrameEncoder.EncodeMasked(Opcode.Binary, bomb, ClientFrames.Mask, compressed: true), 8192));

        Assert.Empty(reader.Events);
        // The message buffer (the limit, from the pool) and the reader's own buffers; nothing near the bomb's size.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 4 << 20);
    }

    [Fact]
    public void Message_inflating_to_exactly_the_limit_is_accepted()
    {
        var payload = new byte[64 * 1024];
        using var reader = new ReaderFixture(limit: payload.Length, perMessageDeflate: true);

        AssertOk(reader.Feed(Compressed(Opcode.Binary, payload)));

        Assert.Equal([Received.Binary(payload)], reader.Events);
    }

    [Fact]
    public void Message_inflating_one_byte_over_the_limit_fails_with_1009()
    {
        var payload = new byte[64 * 1024 + 1];
        using var reader = new ReaderFixture(limit: payload.Length - 1, perMessageDeflate: true);

        AssertFails(CloseCodes.MessageTooBig, reader.Feed(Compressed(Opcode.Binary, payload)));
        Assert.Empty(reader.Events);
    }

    [Fact]
    public void Compressed_bytes_beyond_the_limit_fail_with_1009_even_when_they_inflate_to_nothing()
    {
        // Empty stored blocks inflate to nothing; the compressed message itself is held to the limit too.
        var emptyBlocks = Enumerable.Range(0, 400).SelectMany(_ => new byte[] { 0x00, 0x00, 0x00, 0xFF, 0xFF }).ToArray();
        using var reader = new ReaderFixture(limit: 1000, perMessageDeflate: true);

        AssertFails(CloseCodes.MessageTooBig, reader.Feed(FrameEncoder.EncodeMasked(Opcode.Binary, emptyBlocks, ClientFrames.Mask, compressed: true)));
    }

    [Fact]
    public void Invalid_utf8_fails_with_1007_as_soon_as_it_is_inflated()
    {
        // The invalid byte comes first; the rest of the message is never sent, yet the reader fails already.
        var compressed = MessageCompressor.CompressPayload([0xFF, .. Encoding.UTF8.GetBytes(new string('a', 50_000))]);
        var first = FrameEncoder.EncodeMasked(Opcode.Text, compressed.AsSpan(0, compressed.Length / 2), ClientFrames.Mask, fin: false, compressed: true);
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertFails(CloseCodes.InvalidPayload, reader.Feed(first));
    }

    [Fact]
    public void Text_ending_inside_a_utf8_sequence_fails_with_1007()
    {
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertFails(CloseCodes.InvalidPayload, reader.Feed(Compressed(Opcode.Text, [0x61, 0xE2, 0x82])));
    }

    [Fact]
    public void Data_that_is_not_deflate_fails_with_1007()
    {
        // BTYPE 11 is reserved in DEFLATE.
        byte[] frame = [0xC1, 0x83, 0, 0, 0, 0, 0x07, 0x00, 0x00];
        using var reader = new ReaderFixture(perMessageDeflate: true);

        AssertFails(CloseCodes.InvalidPayload, reader.Feed(frame));
        Assert.Empty(reader.Events);
    }

    private static byte[] Compressed(Opcode type, byte[] payload) =>
        FrameEncoder.EncodeMasked(type, MessageCompressor.CompressPayload(payload), ClientFrames.Mask, compressed: true);

    /// <summary>A raw DEFLATE stream of <paramref name="count"/> zero bytes, sync-flushed, tail removed.</summary>
    private static byte[] ZerosCompressed(long count)
    {
        var output = new MemoryStream();
        using var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        var zeros = new byte[1 << 20];
        for (long written = 0; written < count; written += zeros.Length)
            deflate.Write(zeros);
        deflate.Flush();
        return output.ToArray()[..^4];
    }
}
