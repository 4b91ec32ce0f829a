using System.Buffers.Binary;
using System.Diagnostics;

namespace GwSocket.Bench;

/// <summary>
/// The first 16 bytes of every payload the benchmark sends: phase, sequence number within the phase
/// (per client for unicast), and the moment the record was written into pipe-in. The rest is padding.
/// </summary>
internal readonly record struct RecordStamp(uint Phase, uint Sequence, long WrittenAt)
{
    public const int Size = 16;

    public static RecordStamp Read(ReadOnlySpan<byte> payload) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(payload),
        BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]),
        BinaryPrimitives.ReadInt64LittleEndian(payload[8..]));

    public void Write(Span<byte> payload)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(payload, Phase);
        BinaryPrimitives.WriteUInt32LittleEndian(payload[4..], Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(payload[8..], WrittenAt);
    }

    public long MicrosecondsSinceWritten(long now) => (now - WrittenAt) * 1_000_000 / Stopwatch.Frequency;
}
