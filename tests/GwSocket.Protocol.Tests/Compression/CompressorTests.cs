using System.IO.Compression;
using System.Text;
using GwSocket.Protocol.Compression;

namespace GwSocket.Protocol.Tests.Compression;

/// <summary>RFC 7692 section 7.2.1: compressing a message the way the server sends it.</summary>
public sealed class CompressorTests
{
    [Fact]
    public void Hello_compresses_to_the_rfc_example_bytes()
    {
        // RFC 7692 section 7.2.3.1: "Hello" as one compressed DEFLATE block, tail removed.
        Assert.Equal([0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00], MessageCompressor.CompressPayload("Hello"u8));
    }

    [Fact]
    public void Without_context_takeover_the_same_message_compresses_to_the_same_bytes_every_time()
    {
        // Section 7.2.3.2 shows the second "Hello" shrinking to a back-reference when the window is shared;
        // with server_no_context_takeover it must not, so one frame is valid for every client at any time.
        var first = MessageCompressor.CompressPayload("Hello"u8);
        var second = MessageCompressor.CompressPayload("Hello"u8);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Compressed_frame_is_a_final_text_frame_with_rsv1_and_the_compressed_payload()
    {
        var payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"level\":\"info\",\"msg\":\"hello\"},", 40)));

        var frame = MessageCompressor.EncodeFrame(Opcode.Text, payload);

        Assert.NotNull(frame);
        Assert.Equal(0xC1, frame[0]); // FIN:1 RSV1:1 op:text
        var compressed = MessageCompressor.CompressPayload(payload);
        Assert.True(compressed.Length < 126);
        Assert.Equal(compressed.Length, frame[1]); // MASK:0, 7-bit length
        Assert.Equal(compressed, frame[2..]);
        Assert.Equal(payload, InflateIndependently(compressed));
    }

    [Fact]
    public void Binary_frame_keeps_its_opcode()
    {
        var frame = MessageCompressor.EncodeFrame(Opcode.Binary, new byte[4000]);

        Assert.NotNull(frame);
        Assert.Equal(0xC2, frame[0]); // FIN:1 RSV1:1 op:binary
    }

    [Fact]
    public void Payload_that_does_not_shrink_gets_no_compressed_frame()
    {
        var random = new byte[2000];
        new Random(7).NextBytes(random);

        Assert.Null(MessageCompressor.EncodeFrame(Opcode.Binary, random));
        Assert.Null(MessageCompressor.EncodeFrame(Opcode.Text, "a"u8));
        Assert.Null(MessageCompressor.EncodeFrame(Opcode.Text, ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Large_payload_round_trips_through_zlib()
    {
        var payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 20000).Select(i => $"line {i} of the log\n")));

        Assert.Equal(payload, InflateIndependently(MessageCompressor.CompressPayload(payload)));
    }

    /// <summary>What a client does (section 7.2.2): append the tail and inflate with a fresh raw inflater.</summary>
    private static byte[] InflateIndependently(byte[] compressed)
    {
        using var inflate = new DeflateStream(new MemoryStream([.. compressed, 0x00, 0x00, 0xFF, 0xFF]), CompressionMode.Decompress);
        var output = new MemoryStream();
        inflate.CopyTo(output);
        return output.ToArray();
    }
}
