namespace GwSocket.Protocol.Pipes;

/// <summary>Where whole strict records end in a byte stream, so that a sender can cut it between records only.</summary>
public static class StrictRecordBoundaries
{
    /// <summary>How many whole records <paramref name="bytes"/> starts with.</summary>
    public static int Count(ReadOnlySpan<byte> bytes)
    {
        var count = 0;
        for (var end = 0; WholeRecords(bytes[end..], 1) is var length and > 0; end += length)
            count++;
        return count;
    }

    /// <summary>
    /// The length of the longest prefix of <paramref name="bytes"/> made of whole records, stopping once it reaches
    /// <paramref name="atLeast"/> bytes (a single record longer than that is still whole). 0 when not even one record is complete.
    /// </summary>
    public static int WholeRecords(ReadOnlySpan<byte> bytes, int atLeast)
    {
        var end = 0;
        while (end < atLeast && bytes.Length - end >= StrictRecordHeader.Size)
        {
            var length = (long)StrictRecordHeader.Read(bytes[end..]).Length;
            if (bytes.Length - end - StrictRecordHeader.Size < length)
                break;
            end += StrictRecordHeader.Size + (int)length;
        }
        return end;
    }
}
