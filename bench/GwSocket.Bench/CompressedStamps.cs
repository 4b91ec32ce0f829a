using System.IO.Compression;

namespace GwSocket.Bench;

/// <summary>
/// Reads the stamps of compressed messages for every client of a session without each of them inflating every
/// message: the server sends one compressed frame per message to all clients that negotiated, so the n-th
/// compressed frame is the same for all of them. The first client to get it inflates it for its stamp; the others
/// compare their n-th frame with it byte for byte and take the stamp. A frame that differs (a client that missed
/// one) is inflated on its own, so its stamp, and any gap it shows, are still the real ones.
/// </summary>
internal sealed class CompressedStamps
{
    private readonly Lock _gate = new();
    private (byte[] Payload, RecordStamp Stamp)[] _entries = new (byte[], RecordStamp)[4096];
    private int _count;

    /// <param name="position">The client's count of compressed frames so far, moved on by one.</param>
    public RecordStamp Resolve(ref int position, ReadOnlySpan<byte> payload)
    {
        var index = position++;
        // Count first, then the array: an array read after the count holds at least that many entries.
        var count = Volatile.Read(ref _count);
        var entries = Volatile.Read(ref _entries);
        if (index < count && entries[index].Payload.AsSpan().SequenceEqual(payload))
            return entries[index].Stamp;
        var stamp = Inflate(payload);
        lock (_gate)
        {
            if (index == _count)
                Append(payload.ToArray(), stamp);
        }
        return stamp;
    }

    private void Append(byte[] payload, RecordStamp stamp)
    {
        var entries = _entries;
        if (_count == entries.Length)
        {
            entries = new (byte[], RecordStamp)[entries.Length * 2];
            _entries.AsSpan().CopyTo(entries);
        }
        entries[_count] = (payload, stamp);
        Volatile.Write(ref _entries, entries);
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>RFC 7692 7.2.2: the tail appended, a raw inflater run just far enough for the stamp.</summary>
    private static RecordStamp Inflate(ReadOnlySpan<byte> payload)
    {
        using var inflate = new DeflateStream(new MemoryStream([.. payload, 0x00, 0x00, 0xFF, 0xFF]), CompressionMode.Decompress);
        Span<byte> stamp = stackalloc byte[RecordStamp.Size];
        inflate.ReadExactly(stamp);
        return RecordStamp.Read(stamp);
    }
}
