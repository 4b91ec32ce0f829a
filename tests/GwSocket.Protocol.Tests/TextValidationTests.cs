using GwSocket.Protocol;
using static GwSocket.Protocol.Tests.ReaderFixture;

namespace GwSocket.Protocol.Tests;

/// <summary>RFC 6455 section 8.1: text messages must be UTF-8, checked fragment by fragment.</summary>
public sealed class TextValidationTests
{
    [Fact]
    public void Invalid_utf8_fails_with_1007_at_first_invalid_fragment()
    {
        byte[] valid = [0x01, 0x82, 0, 0, 0, 0, (byte)'o', (byte)'k']; // FIN:0 op:text MASK:1 LEN:2 "ok"
        byte[] invalid = [0x00, 0x82, 0, 0, 0, 0, (byte)'a', 0xFF];    // FIN:0 op:cont MASK:1 LEN:2 "a" 0xFF
        byte[] last = [0x80, 0x81, 0, 0, 0, 0, (byte)'!'];             // FIN:1 op:cont MASK:1 LEN:1 "!"
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(valid));
        AssertFails(CloseCodes.InvalidPayload, reader.Feed(invalid));
        AssertFails(CloseCodes.InvalidPayload, reader.Feed(last));
        Assert.Empty(reader.Events);
    }

    [Fact]
    public void Invalid_utf8_fails_with_1007_before_the_rest_of_its_frame_arrives()
    {
        // FIN:1 op:text MASK:1 LEN:100, and only "a" 0xC0 of its payload so far (0xC0 never starts valid UTF-8).
        byte[] partial = [0x81, 0xE4, 0, 0, 0, 0, (byte)'a', 0xC0];
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.InvalidPayload, reader.Feed(partial));
    }

    [Fact]
    public void Sequence_that_cannot_complete_fails_with_1007_at_its_fragment()
    {
        // 0xE0 0x80 starts an overlong encoding: no continuation can make it valid.
        byte[] first = [0x01, 0x82, 0, 0, 0, 0, 0xE0, 0x80]; // FIN:0 op:text MASK:1 LEN:2
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.InvalidPayload, reader.Feed(first));
    }

    [Fact]
    public void Utf8_sequence_split_across_fragments_is_valid()
    {
        // "€" is E2 82 AC, and "😀" is F0 9F 98 80: each cut across three fragments.
        byte[] first = [0x01, 0x82, 0, 0, 0, 0, (byte)'a', 0xE2];         // FIN:0 op:text MASK:1 LEN:2
        byte[] second = [0x00, 0x82, 0, 0, 0, 0, 0x82, 0xAC];             // FIN:0 op:cont MASK:1 LEN:2
        byte[] third = [0x00, 0x82, 0, 0, 0, 0, 0xF0, 0x9F];              // FIN:0 op:cont MASK:1 LEN:2
        byte[] last = [0x80, 0x83, 0, 0, 0, 0, 0x98, 0x80, (byte)'z'];    // FIN:1 op:cont MASK:1 LEN:3
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(first, second, third, last));

        Assert.Equal([Received.Text("a€😀z")], reader.Events);
    }

    [Fact]
    public void Text_message_ending_inside_a_sequence_fails_with_1007()
    {
        byte[] first = [0x01, 0x81, 0, 0, 0, 0, 0xE2]; // FIN:0 op:text MASK:1 LEN:1
        byte[] last = [0x80, 0x81, 0, 0, 0, 0, 0x82];  // FIN:1 op:cont MASK:1 LEN:1
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(first));
        AssertFails(CloseCodes.InvalidPayload, reader.Feed(last));
        Assert.Empty(reader.Events);
    }

    [Theory]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]       // UTF-16 surrogate U+D800
    [InlineData(new byte[] { 0xC1, 0xBF })]             // overlong
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // above U+10FFFF
    [InlineData(new byte[] { 0x80 })]                   // lone continuation byte
    public void Invalid_utf8_in_single_frame_fails_with_1007(byte[] payload)
    {
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.InvalidPayload, reader.Feed(ClientFrames.Frame(Opcode.Text, payload)));
        Assert.Empty(reader.Events);
    }

    [Fact]
    public void Binary_message_is_not_utf8_validated()
    {
        byte[] frame = [0x82, 0x83, 0, 0, 0, 0, 0xFF, 0xC0, 0x80]; // FIN:1 op:binary MASK:1 LEN:3
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(frame));

        Assert.Equal([Received.Binary(0xFF, 0xC0, 0x80)], reader.Events);
    }

    [Fact]
    public void Validation_restarts_with_each_message()
    {
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(ClientFrames.Frame(Opcode.Binary, [0xE2]), ClientFrames.Text("x")));

        Assert.Equal([Received.Binary(0xE2), Received.Text("x")], reader.Events);
    }
}
