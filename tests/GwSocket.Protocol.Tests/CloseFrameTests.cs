using GwSocket.Protocol;
using static GwSocket.Protocol.Tests.ReaderFixture;

namespace GwSocket.Protocol.Tests;

/// <summary>RFC 6455 sections 5.5.1 and 7.4: the close frame a client sends.</summary>
public sealed class CloseFrameTests
{
    [Theory]
    [InlineData(1000)]
    [InlineData(1001)]
    [InlineData(1002)]
    [InlineData(1003)]
    [InlineData(1007)]
    [InlineData(1008)]
    [InlineData(1009)]
    [InlineData(1010)]
    [InlineData(1011)]
    [InlineData(1012)]
    [InlineData(1013)]
    [InlineData(1014)]
    [InlineData(3000)]
    [InlineData(4999)]
    public void Close_codes_valid_on_the_wire_are_reported(ushort code)
    {
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(ClientFrames.Close(code, "why")));

        Assert.True(CloseCodes.IsValidOnWire(code));
        Assert.True(reader.CloseReceived);
        Assert.Equal([Received.Close(code, "why")], reader.Events);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(999)]
    [InlineData(1004)]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(1015)]
    [InlineData(1016)]
    [InlineData(2999)]
    [InlineData(5000)]
    [InlineData(65535)]
    public void Close_codes_invalid_on_the_wire_fail_with_1002(ushort code)
    {
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.ProtocolError, reader.Feed(ClientFrames.Close(code)));

        Assert.False(CloseCodes.IsValidOnWire(code));
        Assert.False(reader.CloseReceived);
        Assert.Empty(reader.Events);
    }

    [Fact]
    public void One_byte_close_payload_fails_with_1002()
    {
        byte[] frame = [0x88, 0x81, 0, 0, 0, 0, 0x03]; // FIN:1 op:close MASK:1 LEN:1
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.ProtocolError, reader.Feed(frame));
        Assert.Empty(reader.Events);
    }

    [Fact]
    public void Close_reason_invalid_utf8_fails_with_1007()
    {
        byte[] frame = [0x88, 0x84, 0, 0, 0, 0, 0x03, 0xE8, (byte)'a', 0xFF]; // FIN:1 op:close MASK:1 LEN:4 code 1000 "a" 0xFF
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.InvalidPayload, reader.Feed(frame));
        Assert.Empty(reader.Events);
    }

    [Fact]
    public void Close_reason_ending_inside_a_utf8_sequence_fails_with_1007()
    {
        byte[] frame = [0x88, 0x84, 0, 0, 0, 0, 0x03, 0xE8, 0xE2, 0x82]; // FIN:1 op:close MASK:1 LEN:4 code 1000, "€" cut short
        using var reader = new ReaderFixture();

        AssertFails(CloseCodes.InvalidPayload, reader.Feed(frame));
    }

    [Fact]
    public void Empty_close_reports_no_code()
    {
        byte[] frame = [0x88, 0x80, 0x11, 0x22, 0x33, 0x44]; // FIN:1 op:close MASK:1 LEN:0
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(frame));

        Assert.True(reader.CloseReceived);
        Assert.Equal([Received.Close(null, "")], reader.Events);
    }

    [Fact]
    public void Close_reason_of_123_bytes_is_reported()
    {
        var reason = string.Concat(Enumerable.Repeat("é", 61)) + "z"; // 123 bytes: the most a control frame can carry
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(ClientFrames.Close(CloseCodes.GoingAway, reason)));

        Assert.Equal([Received.Close(CloseCodes.GoingAway, reason)], reader.Events);
    }

    [Fact]
    public void Close_between_fragments_is_reported()
    {
        using var reader = new ReaderFixture();

        AssertOk(reader.Feed(ClientFrames.Text("half", fin: false), ClientFrames.Close(CloseCodes.NormalClosure)));

        Assert.Equal([Received.Close(CloseCodes.NormalClosure, "")], reader.Events);
    }
}
