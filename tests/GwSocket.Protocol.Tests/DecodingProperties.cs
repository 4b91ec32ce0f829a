using CsCheck;
using GwSocket.Protocol;
using static GwSocket.Protocol.Tests.ReaderFixture;

namespace GwSocket.Protocol.Tests;

/// <summary>Whatever the fragmentation and however the bytes arrive, the same messages come out.</summary>
public sealed class DecodingProperties
{
    [Fact]
    public void Random_messages_in_random_fragments_and_read_splits_decode_to_the_same_messages() =>
        Gen.Select(Generators.Message.Array[0, 5], Generators.ReadSizes).Sample((messages, readSizes) =>
        {
            var (frames, expected) = Generators.Encode(messages);
            byte[] stream = [.. frames, .. ClientFrames.Close(CloseCodes.NormalClosure, "done"), 0xFF, 0x00];
            expected.Add(Received.Close(CloseCodes.NormalClosure, "done"));
            using var reader = new ReaderFixture();

            AssertOk(reader.FeedInReads(stream, readSizes));

            Assert.True(reader.CloseReceived);
            Assert.Equal(expected, reader.Events);
        }, iter: 1500);
}
