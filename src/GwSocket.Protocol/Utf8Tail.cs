namespace GwSocket.Protocol;

/// <summary>Finds where a chunk ends in the middle of a UTF-8 sequence.</summary>
internal static class Utf8Tail
{
    /// <summary>
    /// Index of a trailing lead byte whose sequence runs past the end of <paramref name="data"/>, or its
    /// length when the chunk ends on a sequence boundary (or in bytes that are invalid anyway).
    /// </summary>
    public static int IncompleteTailStart(ReadOnlySpan<byte> data)
    {
        for (var back = 1; back <= 3 && back <= data.Length; back++)
        {
            var b = data[^back];
            if ((b & 0xC0) == 0x80)
                continue;
            return SequenceLength(b) > back && IsValidPrefix(data[^back..]) ? data.Length - back : data.Length;
        }
        return data.Length;
    }

    /// <summary>Bytes in the sequence a lead byte starts; 0 for bytes that cannot lead one.</summary>
    public static int SequenceLength(byte lead) => lead switch
    {
        < 0x80 => 1,
        >= 0xC2 and <= 0xDF => 2,
        >= 0xE0 and <= 0xEF => 3,
        >= 0xF0 and <= 0xF4 => 4,
        _ => 0,
    };

    /// <summary>Unicode's table 3-7: the second byte's range depends on the lead (no overlongs, surrogates or values above U+10FFFF).</summary>
    public static bool IsValidContinuation(byte lead, int position, byte b)
    {
        if (position == 1)
        {
            return lead switch
            {
                0xE0 => b is >= 0xA0 and <= 0xBF,
                0xED => b is >= 0x80 and <= 0x9F,
                0xF0 => b is >= 0x90 and <= 0xBF,
                0xF4 => b is >= 0x80 and <= 0x8F,
                _ => b is >= 0x80 and <= 0xBF,
            };
        }
        return b is >= 0x80 and <= 0xBF;
    }

    private static bool IsValidPrefix(ReadOnlySpan<byte> sequence)
    {
        for (var i = 1; i < sequence.Length; i++)
        {
            if (!IsValidContinuation(sequence[0], i, sequence[i]))
                return false;
        }
        return true;
    }
}
