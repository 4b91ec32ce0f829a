using GwSocket.Protocol;
using GwSocket.Protocol.Pipes;

namespace GwSocket.Protocol.Tests.Pipes;

/// <summary>The rules of strict-mode pipe-in decoding, one per test.</summary>
public sealed class StrictRecordDecoderRulesTests
{
    private const int Limit = 1024;

    [Fact]
    public void Unknown_type_is_an_error_that_shows_the_header_bytes()
    {
        using var decoder = new StrictRecordDecoder(Limit);
        var handler = new RecordingRecordHandler();
        byte[] header = [0, 0, 0, 1, 0, 0, 0, 0x10, 0, 0, 0, 0]; // type 0x10 (open) is pipe-out only

        var result = decoder.Decode([.. header, 0x41], handler);

        Assert.True(result.Failed);
        Assert.Contains("0x10", result.Error);
        Assert.Equal(header, result.Header);
        Assert.Equal("000000010000001000000000", result.HeaderHex);
        Assert.Empty(handler.Records);
    }

    [Fact]
    public void Length_above_the_limit_is_an_error_that_shows_the_header_bytes()
    {
        using var decoder = new StrictRecordDecoder(Limit);
        byte[] header = [0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0x04, 0x01]; // length 1025

        var result = decoder.Decode(header, new RecordingRecordHandler());

        Assert.True(result.Failed);
        Assert.Contains("1025", result.Error);
        Assert.Equal(header, result.Header);
    }

    [Fact]
    public void Length_at_the_limit_is_accepted()
    {
        using var decoder = new StrictRecordDecoder(Limit);
        var handler = new RecordingRecordHandler();

        var result = decoder.Decode([0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0x04, 0x00, .. new byte[Limit]], handler);

        Assert.False(result.Failed);
        Assert.Single(handler.Records);
    }

    [Fact]
    public void Declared_length_is_never_allocated_up_front()
    {
        using var decoder = new StrictRecordDecoder(int.MaxValue);
        byte[] input = [0, 0, 0, 0, 0, 0, 0, 2, 0x7F, 0xFF, 0xFF, 0xFF, .. new byte[100]]; // declares 2 GiB - 1
        var handler = new RecordingRecordHandler();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = decoder.Decode(input, handler);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(result.Failed);
        Assert.True(decoder.InsideRecord);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes for 100 payload bytes");
    }

    [Fact]
    public void Reset_discards_a_partial_record_and_the_next_record_decodes_cleanly()
    {
        using var decoder = new StrictRecordDecoder(Limit);
        var handler = new RecordingRecordHandler();
        decoder.Decode([0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 10, .. "abc"u8], handler);
        Assert.True(decoder.InsideRecord);

        decoder.Reset();
        var result = decoder.Decode([0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 2, .. "ok"u8], handler);

        Assert.False(result.Failed);
        Assert.False(decoder.InsideRecord);
        Assert.Equal([DecodedRecord.Of(4, Opcode.Text, "ok"u8)], handler.Records);
    }

    [Fact]
    public void Partial_header_then_Reset_starts_over_at_a_header()
    {
        using var decoder = new StrictRecordDecoder(Limit);
        var handler = new RecordingRecordHandler();
        decoder.Decode([0xFF, 0xFF, 0xFF], handler);
        Assert.True(decoder.InsideRecord);

        decoder.Reset();
        decoder.Decode([0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0x33], handler);

        Assert.Equal([DecodedRecord.Of(1, Opcode.Binary, [0x33])], handler.Records);
    }

    [Fact]
    public void Records_split_one_byte_per_read_decode_the_same()
    {
        byte[] stream = [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 3, .. "abc"u8, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0];
        using var decoder = new StrictRecordDecoder(Limit);
        var handler = new RecordingRecordHandler();

        foreach (var b in stream)
            Assert.False(decoder.Decode([b], handler).Failed);

        Assert.Equal([DecodedRecord.Of(1, Opcode.Text, "abc"u8), DecodedRecord.Of(0, Opcode.Binary, [])], handler.Records);
    }

    [Fact]
    public void Records_before_an_error_in_the_same_read_are_delivered()
    {
        using var decoder = new StrictRecordDecoder(Limit);
        var handler = new RecordingRecordHandler();

        var result = decoder.Decode([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0x61, 0, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0, 0], handler);

        Assert.True(result.Failed);
        Assert.Equal([DecodedRecord.Of(1, Opcode.Text, "a"u8)], handler.Records);
    }
}
