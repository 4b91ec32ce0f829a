using System.Buffers.Binary;
using System.Text;

namespace GwSocket.EndToEnd.Tests.Pipes;

/// <summary>
/// A strict-mode record packed by hand, as gwsocket's man page lays it out, independently of the server's codec:
/// three big-endian uint32 (client id, type, payload length), then the payload.
/// </summary>
public sealed class StrictRecord(uint clientId, uint type, byte[] payload) : IEquatable<StrictRecord>
{
    public const int HeaderSize = 12;
    public const uint Text = 0x01;
    public const uint Binary = 0x02;
    public const uint Close = 0x08;
    public const uint Open = 0x10;

    /// <summary>INET6_ADDRSTRLEN: an open record's payload is the client's IP, NUL-padded to this.</summary>
    public const int OpenPayloadSize = 46;

    public uint ClientId { get; } = clientId;

    public uint Type { get; } = type;

    public byte[] Payload { get; } = payload;

    public static StrictRecord TextFor(uint clientId, string text) => new(clientId, Text, Encoding.UTF8.GetBytes(text));

    public static StrictRecord OpenOf(uint clientId, string ip)
    {
        var payload = new byte[OpenPayloadSize];
        Encoding.ASCII.GetBytes(ip).CopyTo(payload, 0);
        return new StrictRecord(clientId, Open, payload);
    }

    public static StrictRecord CloseOf(uint clientId) => new(clientId, Close, []);

    public static byte[] Pack(params StrictRecord[] records) => records.SelectMany(record => record.ToBytes()).ToArray();

    public byte[] ToBytes()
    {
        var bytes = new byte[HeaderSize + Payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(0), ClientId);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), Type);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), (uint)Payload.Length);
        Payload.CopyTo(bytes, HeaderSize);
        return bytes;
    }

    /// <summary>The whole records at the start of <paramref name="bytes"/>, and how many bytes follow them.</summary>
    public static (List<StrictRecord> Records, int Leftover) Parse(ReadOnlySpan<byte> bytes)
    {
        var records = new List<StrictRecord>();
        while (bytes.Length >= HeaderSize)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]);
            if ((ulong)bytes.Length < HeaderSize + (ulong)length)
            {
                break;
            }

            records.Add(new StrictRecord(
                BinaryPrimitives.ReadUInt32BigEndian(bytes),
                BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]),
                bytes.Slice(HeaderSize, (int)length).ToArray()));
            bytes = bytes[(HeaderSize + (int)length)..];
        }

        return (records, bytes.Length);
    }

    public bool Equals(StrictRecord? other) =>
        other is not null && ClientId == other.ClientId && Type == other.Type && Payload.AsSpan().SequenceEqual(other.Payload);

    public override bool Equals(object? obj) => Equals(obj as StrictRecord);

    public override int GetHashCode() => HashCode.Combine(ClientId, Type, Payload.Length);

    public override string ToString() => $"(id {ClientId}, type 0x{Type:x2}, {Payload.Length} bytes: {Convert.ToHexString(Payload)})";
}
