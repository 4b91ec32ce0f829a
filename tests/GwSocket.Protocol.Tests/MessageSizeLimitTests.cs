using GwSocket.Protocol;
using static GwSocket.Protocol.Tests.ReaderFixture;

namespace GwSocket.Protocol.Tests;

/// <summary>--max-frame-size: frames and messages above the limit close with 1009, before the excess is buffered.</summary>
public sealed class MessageSizeLimitTests
{
    private const int Limit = 1000;

    [Fact]
    public void Frame_declaring_more_than_limit_fails_with_1009_before_payload_arrives()
    {
        byte[] header = [0x82, 0xFE, 0x03, 0xE9, 0, 0, 0, 0]; // FIN:1 op:binary MASK:1 LEN:16-bit 1001, no payload yet
        using var reader = new ReaderFixture(Limit);

        AssertFails(CloseCodes.MessageTooBig, reader.Feed(header));
    }

    [Fact]
    public void Frame_declaring_a_huge_64_bit_length_fails_with_1009()
    {
        using var reader = new ReaderFixture(Limit);

        AssertFails(CloseCodes.MessageTooBig, reader.Feed(ClientFrames.Header64(Opcode.Text, long.MaxValue)));
    }

    [Fact]
    public void Message_of_exactly_the_limit_is_delivered()
    {
        var payload = new byte[Limit];
        using var reader = new ReaderFixture(Limit);

        AssertOk(reader.Feed(ClientFrames.Binary(payload)));

        Assert.Equal([Received.Binary(payload)], reader.Events);
    }

    [Fact]
    public void Fragmented_message_over_limit_fails_with_1009()
    {
        using var reader = new ReaderFixture(Limit);

        AssertOk(reader.Feed(ClientFrames.Binary(new byte[600], fin: false)));
        AssertFails(CloseCodes.MessageTooBig, reader.Feed(ClientFrames.Continuation(new byte[401], fin: true)));
        Assert.Empty(reader.Events);
    }

    [Fact]
    public void Continuation_declaring_a_huge_length_fails_with_1009()
    {
        // A started message plus a continuation announcing 2^63-1 bytes: the sum must not wrap around.
        using var reader = new ReaderFixture(Limit);

        AssertOk(reader.Feed(ClientFrames.Binary([1, 2, 3], fin: false)));
        AssertFails(CloseCodes.MessageTooBig, reader.Feed(ClientFrames.Header64(Opcode.Continuation, long.MaxValue)));
    }

    [Fact]
    public void Control_frames_between_fragments_do_not_count_toward_the_limit()
    {
        using var reader = new ReaderFixture(Limit);

        AssertOk(reader.Feed(
            ClientFrames.Binary(new byte[Limit - 1], fin: false),
            ClientFrames.Ping(new byte[125]),
            ClientFrames.Continuation([7], fin: true)));

        Assert.Equal([Received.Ping(new byte[125]), Received.Binary([.. new byte[Limit - 1], 7])], reader.Events);
    }
}
