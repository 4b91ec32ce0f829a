using System.Buffers.Binary;

namespace GwSocket.Protocol.Pipes;

/// <summary>A strict-mode header: client id, type and payload length, three big-endian uint32.</summary>
public readonly record struct StrictRecordHeader(uint ClientId, StrictRecordType Type, uint Length)
{
    public const int Size = 12;

    public static StrictRecordHeader Read(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt32BigEndian(bytes),
        (StrictRecordType)BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]),
        BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]));

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, ClientId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)Type);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Length);
    }
}
