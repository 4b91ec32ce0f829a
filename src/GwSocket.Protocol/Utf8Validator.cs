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
            if (!Utf8Tail.IsValidContinuation(LeadOfPending, _pendingCount, b))
                return false;
            _pending = (_pending << 8) | b;
            _pendingCount++;
            if (_pendingCount == _pendingNeeded)
                _pendingCount = 0;
        }
        if (_pendingCount > 0)
            return true;

        var rest = chunk[start..];
        var tailStart = Utf8Tail.IncompleteTailStart(rest);
        if (!Utf8.IsValid(rest[..tailStart]))
            return false;
        StartPending(rest[tailStart..]);
        return true;
    }

    private readonly byte LeadOfPending => (byte)(_pending >> (8 * (_pendingCount - 1)));

    /// <summary>Keeps the start of a sequence cut by the chunk's end; the tail was already checked as a valid prefix.</summary>
    private void StartPending(ReadOnlySpan<byte> tail)
    {
        _pendingCount = tail.Length;
        if (tail.IsEmpty)
            return;
        _pendingNeeded = Utf8Tail.SequenceLength(tail[0]);
        _pending = 0;
        foreach (var b in tail)
            _pending = (_pending << 8) | b;
    }
}
