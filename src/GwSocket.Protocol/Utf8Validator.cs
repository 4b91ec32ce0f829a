using System.Text.Unicode;

namespace GwSocket.Protocol;

/// <summary>
/// Incremental UTF-8 validation across chunk boundaries: a sequence may be cut between two
/// chunks, but a chunk that cannot be the start of valid text is rejected at once, so a text
/// message fails at the fragment that makes it invalid, not at its end.
/// </summary>
public struct Utf8Validator
{
    private uint _pending;
    private int _pendingCount;
    private int _pendingNeeded;

    /// <summary>True when no multi-byte sequence is left open.</summary>
    public readonly bool IsComplete => _pendingCount == 0;

    public void Reset() => this = default;

    /// <summary>Validates the next chunk; false as soon as it contains an invalid byte.</summary>
    public bool Append(ReadOnlySpan<byte> chunk)
    {
        var start = 0;
        while (_pendingCount > 0 && start < chunk.Length)
        {
            var b = chunk[start++];
            if (!IsValidContinuation(LeadOfPending, _pendingCount, b))
                return false;
            _pending = (_pending << 8) | b;
            _pendingCount++;
            if (_pendingCount == _pendingNeeded)
                _pendingCount = 0;
        }
        if (_pendingCount > 0)
            return true;

        var rest = chunk[start..];
        var tailStart = FindIncompleteTail(rest);
        if (!Utf8.IsValid(rest[..tailStart]))
            return false;
        return StartPending(rest[tailStart..]);
    }

    private readonly byte LeadOfPending => (byte)(_pending >> (8 * (_pendingCount - 1)));

    private bool StartPending(ReadOnlySpan<byte> tail)
    {
        if (tail.IsEmpty)
            return true;
        var lead = tail[0];
        _pending = lead;
        _pendingCount = 1;
        _pendingNeeded = SequenceLength(lead);
        for (var i = 1; i < tail.Length; i++)
        {
            if (!IsValidContinuation(lead, i, tail[i]))
                return false;
            _pending = (_pending << 8) | tail[i];
            _pendingCount++;
        }
        return true;
    }

    /// <summary>Index of a trailing lead byte whose sequence runs past the end, or the length.</summary>
    private static int FindIncompleteTail(ReadOnlySpan<byte> data)
    {
        for (var back = 1; back <= 3 && back <= data.Length; back++)
        {
            var b = data[^back];
            if ((b & 0xC0) == 0x80)
                continue;
            var needed = SequenceLength(b);
            return needed > back ? data.Length - back : data.Length;
        }
        return data.Length;
    }

    /// <summary>Bytes in the sequence a lead byte starts; 0 for bytes that cannot lead one.</summary>
    private static int SequenceLength(byte lead) => lead switch
    {
        < 0x80 => 1,
        >= 0xC2 and <= 0xDF => 2,
        >= 0xE0 and <= 0xEF => 3,
        >= 0xF0 and <= 0xF4 => 4,
        _ => 0,
    };

    /// <summary>Unicode's table 3-7: the second byte's range depends on the lead (no overlongs, surrogates or values above U+10FFFF).</summary>
    private static bool IsValidContinuation(byte lead, int position, byte b)
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
}
