using GwSocket.Protocol;
using static GwSocket.Protocol.Tests.ReaderFixture;

namespace GwSocket.Protocol.Tests;

/// <summary>RFC 6455 section 5: frame header rules for frames a client sends.</summary>
public sealed class FramingRulesTests
{
    [Fact]
    public void Rfc_single_frame_masked_text_example_decodes()
    {
        // RFC 6455 section 5.7, "A single-frame masked text message".
        byte[] frame =
        [
            0x81, 0x85,             // FIN:1 op:text MASK:1 LEN:5
            0x37, 0xFA, 0x21, 0x3D, // masking key
            0x7F, 0x9F, 0x4D, 0x51, 0x58, // "Hello" masked
        ];
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(frame));

        Assert.Equal([Received.Text("Hello")], reader.Events);
    }

    [Fact]
    public void Rfc_masked_pong_example_decodes()
    {
        // RFC 6455 section 5.7, "masked Ping response".
        byte[] frame =
        [
            0x8A, 0x85,             // FIN:1 op:pong MASK:1 LEN:5
            0x37, 0xFA, 0x21, 0x3D, // masking key
            0x7F, 0x9F, 0x4D, 0x51, 0x58, // "Hello" masked
        ];
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(frame));

        Assert.Equal([Received.Pong("Hello"u8.ToArray())], reader.Events);
    }

    [Fact]
    public void Unmasked_client_frame_fails_with_1002()
    {
        // RFC 6455 section 5.7, "A single-frame unmasked text message": fine from a server, not from a client.
        byte[] frame = [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F]; // FIN:1 op:text MASK:0 LEN:5 "Hello"
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.ProtocolError, reader.Feed(frame));
        Assert.Empty(reader.Events);
    }

    [Theory]
    [InlineData(0x40)] // RSV1
    [InlineData(0x20)] // RSV2
    [InlineData(0x10)] // RSV3
    public void Rsv_bit_without_extension_fails_with_1002(byte rsv)
    {
        byte[] frame = [(byte)(0x81 | rsv), 0x82, 0, 0, 0, 0, (byte)'h', (byte)'i']; // FIN:1 RSV op:text MASK:1 LEN:2 "hi"
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.ProtocolError, reader.Feed(frame));
        Assert.Empty(reader.Events);
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
    public void Reserved_opcode_fails_with_1002(byte opcode)
    {
        byte[] frame = [(byte)(0x80 | opcode), 0x80, 0, 0, 0, 0]; // FIN:1 op:reserved MASK:1 LEN:0
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.ProtocolError, reader.Feed(frame));
        Assert.Empty(reader.Events);
    }

    [Theory]
    [InlineData(0x88)] // FIN:1 op:close
    [InlineData(0x89)] // FIN:1 op:ping
    [InlineData(0x8A)] // FIN:1 op:pong
    public void Control_frame_over_125_bytes_fails_with_1002(byte first)
    {
        byte[] frame = [first, 0xFE, 0x00, 0x7E, 0, 0, 0, 0, .. new byte[126]]; // MASK:1 LEN:126 (16-bit)
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.ProtocolError, reader.Feed(frame));
        Assert.Empty(reader.Events);
    }

    [Fact]
    public void Control_frame_of_125_bytes_is_delivered()
    {
        var payload = Enumerable.Range(0, 125).Select(i => (byte)i).ToArray();
        byte[] frame = [0x89, 0xFD, 0, 0, 0, 0, .. payload]; // FIN:1 op:ping MASK:1 LEN:125
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(frame));

        Assert.Equal([Received.Ping(payload)], reader.Events);
    }

    [Theory]
    [InlineData(0x08)] // FIN:0 op:close
    [InlineData(0x09)] // FIN:0 op:ping
    [InlineData(0x0A)] // FIN:0 op:pong
    public void Fragmented_control_frame_fails_with_1002(byte first)
    {
        byte[] frame = [first, 0x80, 0, 0, 0, 0]; // MASK:1 LEN:0
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.ProtocolError, reader.Feed(frame));
        Assert.Empty(reader.Events);
    }

    [Fact]
    public void Fragmented_ping_fails_with_1002()
    {
        byte[] first = [0x09, 0x81, 0, 0, 0, 0, 0x01]; // FIN:0 op:ping MASK:1 LEN:1
        byte[] rest = [0x80, 0x81, 0, 0, 0, 0, 0x02];  // FIN:1 op:cont MASK:1 LEN:1
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.ProtocolError, reader.Feed(first, rest));
        Assert.Empty(reader.Events);
    }

    [Fact]
    public void Continuation_without_message_fails_with_1002()
    {
        byte[] frame = [0x80, 0x82, 0, 0, 0, 0, (byte)'h', (byte)'i']; // FIN:1 op:cont MASK:1 LEN:2 "hi"
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.ProtocolError, reader.Feed(frame));
        Assert.Empty(reader.Events);
    }

    [Fact]
    public void Continuation_after_a_complete_message_fails_with_1002()
    {
        byte[] message = [0x81, 0x82, 0, 0, 0, 0, (byte)'h', (byte)'i']; // FIN:1 op:text MASK:1 LEN:2 "hi"
        byte[] stray = [0x80, 0x81, 0, 0, 0, 0, (byte)'!'];              // FIN:1 op:cont MASK:1 LEN:1 "!"
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.ProtocolError, reader.Feed(message, stray));
        Assert.Equal([Received.Text("hi")], reader.Events);
    }

    [Theory]
    [InlineData(0x81)] // FIN:1 op:text
    [InlineData(0x82)] // FIN:1 op:binary
    [InlineData(0x01)] // FIN:0 op:text
    public void Text_frame_inside_fragmented_message_fails_with_1002(byte intruder)
    {
        byte[] start = [0x01, 0x83, 0, 0, 0, 0, (byte)'H', (byte)'e', (byte)'l']; // FIN:0 op:text MASK:1 LEN:3 "Hel"
        byte[] frame = [intruder, 0x82, 0, 0, 0, 0, (byte)'l', (byte)'o'];        // MASK:1 LEN:2 "lo"
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.ProtocolError, reader.Feed(start, frame));
        Assert.Empty(reader.Events);
    }

    [Fact]
    public void Rfc_fragmented_text_message_example_reassembles()
    {
        // RFC 6455 section 5.7, "A fragmented unmasked text message", masked with the zero key.
        byte[] first = [0x01, 0x83, 0, 0, 0, 0, 0x48, 0x65, 0x6C]; // FIN:0 op:text MASK:1 LEN:3 "Hel"
        byte[] last = [0x80, 0x82, 0, 0, 0, 0, 0x6C, 0x6F];        // FIN:1 op:cont MASK:1 LEN:2 "lo"
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(first));
        Assert.Empty(reader.Events);
        AssertOk(reader.Feed(last));

        Assert.Equal([Received.Text("Hello")], reader.Events);
    }

    [Fact]
    public void Ping_between_fragments_is_delivered_and_message_completes()
    {
        byte[] first = [0x01, 0x83, 0, 0, 0, 0, (byte)'H', (byte)'e', (byte)'l']; // FIN:0 op:text MASK:1 LEN:3 "Hel"
        byte[] ping = [0x89, 0x82, 0, 0, 0, 0, 0xAB, 0xCD];                        // FIN:1 op:ping MASK:1 LEN:2
        byte[] pong = [0x8A, 0x80, 0, 0, 0, 0];                                    // FIN:1 op:pong MASK:1 LEN:0
        byte[] last = [0x80, 0x82, 0, 0, 0, 0, (byte)'l', (byte)'o'];             // FIN:1 op:cont MASK:1 LEN:2 "lo"
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(first, ping, pong, last));

        Assert.Equal([Received.Ping(0xAB, 0xCD), Received.Pong(), Received.Text("Hello")], reader.Events);
    }

    [Fact]
    public void Unsolicited_pong_is_reported_to_the_handler()
    {
        byte[] frame = [0x8A, 0x83, 0, 0, 0, 0, 1, 2, 3]; // FIN:1 op:pong MASK:1 LEN:3
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(frame));

        Assert.Equal([Received.Pong(1, 2, 3)], reader.Events);
    }

    [Fact]
    public void Length_with_msb_set_fails_with_1002()
    {
        byte[] header = [0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0x01, 0, 0, 0, 0]; // FIN:1 op:binary MASK:1 LEN:64-bit 2^63+1
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.ProtocolError, reader.Feed(header));
        Assert.Empty(reader.Events);
    }

    [Theory]
    [InlineData(126)]
    [InlineData(256)]
    [InlineData(65535)]
    public void Sixteen_bit_length_decodes(int length)
    {
        var payload = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        byte[] frame = [0x82, 0xFE, (byte)(length >> 8), (byte)length, 0, 0, 0, 0, .. payload]; // FIN:1 op:binary MASK:1 LEN:16-bit
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(frame));

        Assert.Equal([Received.Binary(payload)], reader.Events);
    }

    [Theory]
    [InlineData(65536)]
    [InlineData(200_000)]
    public void Sixty_four_bit_length_decodes(int length)
    {
        var payload = Enumerable.Range(0, length).Select(i => (byte)(i * 13)).ToArray();
        byte[] frame =
        [
            0x82, 0xFF, 0, 0, 0, 0, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length, // FIN:1 op:binary MASK:1 LEN:64-bit
            0, 0, 0, 0, .. payload,
        ];
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(frame));

        Assert.Equal([Received.Binary(payload)], reader.Events);
    }

    [Fact]
    public void Masked_payload_is_unmasked_with_a_real_key()
    {
        var payload = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(ClientFrames.Binary(payload)));

        Assert.Equal([Received.Binary(payload)], reader.Events);
    }

    [Fact]
    public void Zero_length_text_and_binary_messages_decode()
    {
        byte[] text = [0x81, 0x80, 0x11, 0x22, 0x33, 0x44];   // FIN:1 op:text MASK:1 LEN:0
        byte[] binary = [0x82, 0x80, 0x11, 0x22, 0x33, 0x44]; // FIN:1 op:binary MASK:1 LEN:0
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(text, binary));

        Assert.Equal([Received.Text(""), Received.Binary()], reader.Events);
    }

    [Fact]
    public void Zero_length_fragments_decode()
    {
        byte[] first = [0x01, 0x80, 0, 0, 0, 0];                   // FIN:0 op:text MASK:1 LEN:0
        byte[] middle = [0x00, 0x82, 0, 0, 0, 0, (byte)'o', (byte)'k']; // FIN:0 op:cont MASK:1 LEN:2 "ok"
        byte[] last = [0x80, 0x80, 0, 0, 0, 0];                    // FIN:1 op:cont MASK:1 LEN:0
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(first, middle, last));

        Assert.Equal([Received.Text("ok")], reader.Events);
    }

    [Fact]
    public void Several_frames_in_one_read_decode_in_order()
    {
        var stream = ClientFrames.Concat(
            ClientFrames.Text("one"),
            ClientFrames.Ping(9),
            ClientFrames.Binary([1, 2, 3]),
            ClientFrames.Text("tw", fin: false),
            ClientFrames.Continuation("o", fin: true),
            ClientFrames.Close(CloseCodes.NormalClosure, "bye"));
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(stream));

        Assert.Equal(
            [Received.Text("one"), Received.Ping(9), Received.Binary(1, 2, 3), Received.Text("two"), Received.Close(1000, "bye")],
            reader.Events);
    }

    [Fact]
    public void One_byte_per_read_decodes_the_same_as_one_read()
    {
        var stream = ClientFrames.Concat(
            ClientFrames.Text("héllo wörld", fin: false),
            ClientFrames.Ping(1, 2),
            ClientFrames.Continuation(" 😀", fin: true),
            ClientFrames.Binary(new byte[300]),
            ClientFrames.Binary(new byte[70_000]),
            ClientFrames.Close(CloseCodes.GoingAway));
        using var whole = new ReaderFixture();
        using var bytewise = new ReaderFixture();

        AssertOk(whole.Feed(stream));
        AssertOk(bytewise.FeedInReads(stream, 1));

        Assert.Equal(5, whole.Events.Count);
        Assert.Equal(whole.Events, bytewise.Events);
    }

    [Fact]
    public void Bytes_after_a_close_frame_are_ignored()
    {
        byte[] close = [0x88, 0x82, 0, 0, 0, 0, 0x03, 0xE8];          // FIN:1 op:close MASK:1 LEN:2 code 1000
        byte[] after = [0x81, 0x82, 0, 0, 0, 0, (byte)'h', (byte)'i']; // FIN:1 op:text MASK:1 LEN:2 "hi"
        byte[] garbage = [0xFF, 0xFF, 0xFF];                           // would fail as a header
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed([.. close, .. after], garbage));

        Assert.True(reader.CloseReceived);
        Assert.Equal([Received.Close(1000, "")], reader.Events);
    }

    [Fact]
    public void A_failure_is_final()
    {
        byte[] unmasked = [0x81, 0x00];                               // FIN:1 op:text MASK:0 LEN:0
        byte[] valid = [0x81, 0x82, 0, 0, 0, 0, (byte)'h', (byte)'i']; // FIN:1 op:text MASK:1 LEN:2 "hi"
        using var reader = new ReaderFixture();

        var failure = reader.Feed(unmasked);
        var later = reader.Feed(valid);

        AssertFails(CloseCodes.ProtocolError, later);
        Assert.Equal(failure, later);
        Assert.Empty(reader.Events);
    }

    /// <summary>Rules the first two bytes decide fail at once, without waiting for the length, key or payload.</summary>
    [Theory]
    [InlineData(0x81, 0x05)] // unmasked
    [InlineData(0xC1, 0x85)] // RSV1
    [InlineData(0x83, 0x85)] // reserved opcode 0x3
    [InlineData(0x89, 0xFE)] // ping with a 16-bit length
    [InlineData(0x09, 0x80)] // fragmented ping
    [InlineData(0x80, 0x85)] // continuation with no message
    public void Header_rule_violation_fails_on_the_first_two_bytes(byte first, byte second)
    {
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.ProtocolError, reader.Feed([first, second]));
    }
}
