using GwSocket.Protocol.Pipes;

namespace GwSocket.Protocol.Tests.Pipes;

/// <summary>Where a sender of strict records may cut the stream: only after a whole record.</summary>
public sealed class StrictRecordBoundariesTests
{
    // id 0, type 1 (text), length 2, "hi": 14 bytes.
    private static readonly byte[] Hi = [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, (byte)'h', (byte)'i'];

    // id 7, type 2 (binary), length 0: 12 bytes.
    private static readonly byte[] Empty = [0, 0, 0, 7, 0, 0, 0, 2, 0, 0, 0, 0];

    [Fact]
    public void Whole_records_are_counted_and_a_partial_one_left_out()
    {
        byte[] stream = [.. Hi, .. Empty, .. Hi[..13]];

        Assert.Equal(26, StrictRecordBoundaries.WholeRecords(stream, atLeast: 1000));
    }

    [Fact]
    public void A_partial_header_or_payload_alone_is_no_record()
    {
        Assert.Equal(0, StrictRecordBoundaries.WholeRecords(Hi[..11], 1000));
        Assert.Equal(0, StrictRecordBoundaries.WholeRecords(Hi[..13], 1000));
        Assert.Equal(0, StrictRecordBoundaries.WholeRecords([], 1000));
    }

    [Fact]
    public void It_stops_after_the_record_that_reaches_the_size_asked_for()
    {
        byte[] stream = [.. Hi, .. Hi, .. Hi];

        Assert.Equal(14, StrictRecordBoundaries.WholeRecords(stream, atLeast: 1));
        Assert.Equal(28, StrictRecordBoundaries.WholeRecords(stream, atLeast: 15));
    }

    [Fact]
    public void Whole_records_are_counted_one_by_one()
    {
        Assert.Equal(3, StrictRecordBoundaries.Count([.. Hi, .. Empty, .. Hi, .. Hi[..5]]));
        Assert.Equal(0, StrictRecordBoundaries.Count(Hi[..13]));
    }

    [Fact]
    public void A_declared_length_beyond_what_arrived_waits_even_when_huge()
    {
        // length 0xFFFFFFFF: never whole here, and no overflow.
        byte[] huge = [0, 0, 0, 1, 0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3];

        Assert.Equal(14, StrictRecordBoundaries.WholeRecords([.. Hi, .. huge], 1000));
    }
}
