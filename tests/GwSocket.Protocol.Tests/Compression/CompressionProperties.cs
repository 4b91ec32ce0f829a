using CsCheck;
using GwSocket.Protocol.Compression;
using static GwSocket.Protocol.Tests.ReaderFixture;

namespace GwSocket.Protocol.Tests.Compression;

/// <summary>Whatever the messages, their fragmentation and the reads, compressing then inflating gives them back.</summary>
public sealed class CompressionProperties
{
    [Fact]
    public void Random_messages_compressed_in_random_fragments_and_read_splits_inflate_to_the_same_messages() =>
        Gen.Select(Generators.Message.Array[0, 5], Gen.Bool.Array[5], Generators.ReadSizes).Sample((messages, compress, readSizes) =>
        {
            // Each message goes compressed or not, as a client may choose per message; cuts fall in the compressed bytes.
            var (frames, expected) = Generators.Encode(messages.Select((m, i) => compress[i] ? Compressed(m) : m));
            byte[] stream = [.. frames, .. ClientFrames.Close(CloseCodes.NormalClosure, "done")];
            expected.Add(Received.Close(CloseCodes.NormalClosure, "done"));
            using var reader = new ReaderFixture(perMessageDeflate: true);

            AssertOk(reader.FeedInReads(stream, readSizes));

            Assert.Equal(expected, reader.Events);
        }, iter: 800);

    [Fact]
    public void Compressed_frame_inflates_to_its_payload_whenever_the_compressor_gives_one() =>
        Gen.Frequency((1, Generators.Binary), (1, Generators.Text.Select(System.Text.Encoding.UTF8.GetBytes))).Sample(payload =>
        {
            var frame = MessageCompressor.EncodeFrame(Opcode.Binary, payload);
            if (frame is null)
                return;
            Assert.True(frame.Length < FrameEncoder.HeaderSize(payload.Length) + payload.Length);
            using var reader = new ReaderFixture(perMessageDeflate: true);

            AssertOk(reader.Feed(AsClientFrame(frame)));

            Assert.Equal([Received.Binary(payload)], reader.Events);
        }, iter: 300);

    /// <summary>The message with its payload compressed; <see cref="Generators.Encode"/> cuts that into fragments.</summary>
    private static PlannedMessage Compressed(PlannedMessage message)
    {
        var compressed = MessageCompressor.CompressPayload(message.Payload);
        var cuts = message.Cuts.Select(c => (int)((long)c * compressed.Length / Math.Max(1, message.Payload.Length))).ToArray();
        return message with { Payload = compressed, Cuts = cuts, Inflated = message.Payload };
    }

    /// <summary>A server frame as a client would send it: masked with the all-zero key.</summary>
    private static byte[] AsClientFrame(byte[] serverFrame)
    {
        var headerSize = serverFrame[1] switch { 126 => 4, 127 => 10, _ => 2 };
        return [serverFrame[0], (byte)(serverFrame[1] | 0x80), .. serverFrame.AsSpan(2, headerSize - 2), 0, 0, 0, 0, .. serverFrame.AsSpan(headerSize)];
    }
}
