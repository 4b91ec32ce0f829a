using System.Text;
using GwSocket.Protocol;
using GwSocket.Protocol.Pipes;

namespace GwSocket.Protocol.Tests.Pipes;

/// <summary>Fixed strict records in, the exact frames clients get out; fixed events in, the exact pipe-out bytes.</summary>
public sealed class StrictRecordGoldenTests
{
    [Fact]
    public void Text_record_for_everyone_becomes_an_unmasked_text_frame()
    {
        byte[] record =
        [
            0x00, 0x00, 0x00, 0x00, // id 0: broadcast
            0x00, 0x00, 0x00, 0x01, // type: text
            0x00, 0x00, 0x00, 0x05, // length 5
            .. "hello"u8,
        ];

        var handler = Decode(record);

        Assert.Equal([DecodedRecord.Of(0, Opcode.Text, "hello"u8)], handler.Records);
        // FIN:1 op:text, MASK:0 LEN:5, "hello"
        Assert.Equal([0x81, 0x05, .. "hello"u8], handler.Frames.Single());
    }

    [Fact]
    public void Binary_record_for_one_client_becomes_a_binary_frame()
    {
        byte[] record =
        [
            0x00, 0x00, 0x01, 0x02, // id 258
            0x00, 0x00, 0x00, 0x02, // type: binary
            0x00, 0x00, 0x00, 0x03, // length 3
            0x00, 0xFF, 0x7F,
        ];

        var handler = Decode(record);

        Assert.Equal([DecodedRecord.Of(258, Opcode.Binary, [0x00, 0xFF, 0x7F])], handler.Records);
        // FIN:1 op:binary, MASK:0 LEN:3
        Assert.Equal([0x82, 0x03, 0x00, 0xFF, 0x7F], handler.Frames.Single());
    }

    [Fact]
    public void Payload_of_126_bytes_gets_a_16_bit_length()
    {
        var payload = Enumerable.Repeat((byte)'x', 126).ToArray();
        byte[] record = [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 126, .. payload];

        var frame = Decode(record).Frames.Single();

        // FIN:1 op:text, LEN:126 (16-bit length follows) 0x007E
        Assert.Equal([0x81, 0x7E, 0x00, 0x7E, .. payload], frame);
    }

    [Fact]
    public void Empty_record_becomes_an_empty_frame()
    {
        var handler = Decode([0, 0, 0, 9, 0, 0, 0, 1, 0, 0, 0, 0]);

        Assert.Equal([DecodedRecord.Of(9, Opcode.Text, [])], handler.Records);
        Assert.Equal([0x81, 0x00], handler.Frames.Single());
    }

    [Fact]
    public void Open_record_carries_an_IPv4_address_NUL_padded_to_46_bytes()
    {
        var record = StrictRecordEncoder.Open(5, "192.168.0.10");

        byte[] expected =
        [
            0x00, 0x00, 0x00, 0x05, // id 5
            0x00, 0x00, 0x00, 0x10, // type: open
            0x00, 0x00, 0x00, 0x2E, // length 46
            .. "192.168.0.10"u8, .. new byte[46 - 12],
        ];
        Assert.Equal(expected, record);
        Assert.Equal(58, record.Length);
    }

    [Fact]
    public void Open_record_carries_an_IPv6_address_NUL_padded_to_46_bytes()
    {
        var record = StrictRecordEncoder.Open(0xDEADBEEF, "2001:db8::1");

        byte[] expected =
        [
            0xDE, 0xAD, 0xBE, 0xEF, // id 0xDEADBEEF
            0x00, 0x00, 0x00, 0x10, // type: open
            0x00, 0x00, 0x00, 0x2E, // length 46
            .. "2001:db8::1"u8, .. new byte[46 - 11],
        ];
        Assert.Equal(expected, record);
    }

    [Fact]
    public void Open_record_with_the_longest_IPv6_text_keeps_a_terminating_NUL()
    {
        const string longest = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255";

        var record = StrictRecordEncoder.Open(1, longest);

        Assert.Equal(45, longest.Length);
        Assert.Equal(Encoding.ASCII.GetBytes(longest), record[12..57]);
        Assert.Equal(0, record[57]);
    }

    [Fact]
    public void Close_record_is_a_bare_header()
    {
        // id 5, type: close, length 0
        Assert.Equal([0, 0, 0, 5, 0, 0, 0, 0x08, 0, 0, 0, 0], StrictRecordEncoder.Close(5));
    }

    [Fact]
    public void Client_messages_become_text_and_binary_records()
    {
        Assert.Equal([0, 0, 0, 7, 0, 0, 0, 0x01, 0, 0, 0, 2, .. "hi"u8], StrictRecordEncoder.Message(7, Opcode.Text, "hi"u8));
        Assert.Equal([0, 0, 0, 7, 0, 0, 0, 0x02, 0, 0, 0, 1, 0xFE], StrictRecordEncoder.Message(7, Opcode.Binary, [0xFE]));
    }

    [Fact]
    public void Pipe_out_records_read_back_through_the_header_codec()
    {
        var header = StrictRecordHeader.Read(StrictRecordEncoder.Message(42, Opcode.Binary, new byte[300]));

        Assert.Equal(new StrictRecordHeader(42, StrictRecordType.Binary, 300), header);
    }

    private static RecordingRecordHandler Decode(byte[] stream)
    {
        using var decoder = new StrictRecordDecoder(1024 * 1024);
        var handler = new RecordingRecordHandler();
        Assert.False(decoder.Decode(stream, handler).Failed);
        Assert.False(decoder.InsideRecord);
        return handler;
    }
}
