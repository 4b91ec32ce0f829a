using System.Buffers.Binary;
using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Serialization;
using GwSocket.Protocol;

namespace GwSocket.Actors.Routing;

/// <summary>
/// Compact binary form of the messages routers send across nodes (Akka's default would be JSON).
/// Big-endian lengths, frames and payloads copied as they are; one-letter manifests that never change;
/// its id is listed under <c>akka.actor.serialization-identifiers</c> in reference.conf.
/// </summary>
internal sealed class ClusterMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private const string HelloManifest = "H";
    private const string BatchManifest = "B";
    private const string GrantManifest = "C";
    private const byte WantsEventsFlag = 1;
    private const byte IsReplyFlag = 2;

    public override string Manifest(object o) => o switch
    {
        PeerHello => HelloManifest,
        PeerBatch => BatchManifest,
        PeerGrant => GrantManifest,
        _ => throw new ArgumentException($"{o.GetType()} is not a cluster message", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        PeerHello hello => WriteHello(hello),
        PeerBatch batch => WriteBatch(batch),
        PeerGrant grant => WriteGrant(grant),
        _ => throw new ArgumentException($"{obj.GetType()} is not a cluster message", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        HelloManifest => ReadHello(bytes),
        BatchManifest => ReadBatch(bytes),
        GrantManifest => new PeerGrant(BinaryPrimitives.ReadInt64BigEndian(bytes)),
        _ => throw new SerializationException($"unknown cluster message manifest '{manifest}'"),
    };

    private static byte[] WriteHello(PeerHello hello)
    {
        var name = Encoding.UTF8.GetBytes(hello.NodeName);
        var bytes = new byte[4 + 4 + 1 + 2 + name.Length];
        var writer = new SpanWriter(bytes);
        writer.UInt32(hello.Slot);
        writer.Int32(hello.NodeUid);
        writer.Byte((byte)((hello.WantsEvents ? WantsEventsFlag : 0) | (hello.IsReply ? IsReplyFlag : 0)));
        writer.UInt16((ushort)name.Length);
        writer.Bytes(name);
        return bytes;
    }

    private static PeerHello ReadHello(byte[] bytes)
    {
        var reader = new SpanReader(bytes);
        var slot = reader.UInt32();
        var uid = reader.Int32();
        var flags = reader.Byte();
        var name = Encoding.UTF8.GetString(reader.Bytes(reader.UInt16()));
        return new PeerHello(slot, uid, name, (flags & WantsEventsFlag) != 0, (flags & IsReplyFlag) != 0);
    }

    private static byte[] WriteGrant(PeerGrant grant)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, grant.DeliveredInAll);
        return bytes;
    }

    private static byte[] WriteBatch(PeerBatch batch)
    {
        var size = 4;
        foreach (var entry in batch.Entries)
            size += EntrySize(entry);
        var bytes = new byte[size];
        var writer = new SpanWriter(bytes);
        writer.UInt32((uint)batch.Entries.Count);
        foreach (var entry in batch.Entries)
        {
            writer.Byte((byte)entry.Kind);
            switch (entry.Kind)
            {
                case PeerEntryKind.Broadcast:
                    writer.Blob(entry.Bytes);
                    break;
                case PeerEntryKind.Unicast:
                    writer.UInt32(entry.ClientId);
                    writer.Blob(entry.Bytes);
                    break;
                case PeerEntryKind.Opened:
                    writer.UInt32(entry.ClientId);
                    var ip = Encoding.ASCII.GetBytes(entry.RemoteIp);
                    writer.Byte((byte)ip.Length);
                    writer.Bytes(ip);
                    break;
                case PeerEntryKind.Message:
                    writer.UInt32(entry.ClientId);
                    writer.Byte((byte)entry.Type);
                    writer.Blob(entry.Bytes);
                    break;
                case PeerEntryKind.Closed:
                    writer.UInt32(entry.ClientId);
                    break;
            }
        }
        return bytes;
    }

    private static int EntrySize(PeerEntry entry) => 1 + entry.Kind switch
    {
        PeerEntryKind.Broadcast => 4 + entry.Bytes.Length,
        PeerEntryKind.Unicast => 8 + entry.Bytes.Length,
        PeerEntryKind.Opened => 5 + entry.RemoteIp.Length,
        PeerEntryKind.Message => 9 + entry.Bytes.Length,
        PeerEntryKind.Closed => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.Kind, "unknown peer entry"),
    };

    private static PeerBatch ReadBatch(byte[] bytes)
    {
        var reader = new SpanReader(bytes);
        var count = (int)reader.UInt32();
        var entries = new List<PeerEntry>(Math.Min(count, bytes.Length));
        for (var i = 0; i < count; i++)
        {
            var kind = (PeerEntryKind)reader.Byte();
            entries.Add(kind switch
            {
                PeerEntryKind.Broadcast => PeerEntry.Broadcast(reader.Blob()),
                PeerEntryKind.Unicast => PeerEntry.Unicast(reader.UInt32(), reader.Blob()),
                PeerEntryKind.Opened => PeerEntry.From(new ClientOpened(reader.UInt32(), Encoding.ASCII.GetString(reader.Bytes(reader.Byte())))),
                PeerEntryKind.Message => PeerEntry.From(new ClientMessage(reader.UInt32(), (Opcode)reader.Byte(), reader.Blob())),
                PeerEntryKind.Closed => PeerEntry.From(new ClientClosed(reader.UInt32())),
                _ => throw new SerializationException($"unknown peer entry kind {(byte)kind}"),
            });
        }
        return new PeerBatch(entries);
    }

    /// <summary>Writes big-endian fields one after another.</summary>
    private ref struct SpanWriter(Span<byte> destination)
    {
        private Span<byte> _rest = destination;

        public void Byte(byte value)
        {
            _rest[0] = value;
            _rest = _rest[1..];
        }

        public void UInt16(ushort value)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_rest, value);
            _rest = _rest[2..];
        }

        public void UInt32(uint value)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_rest, value);
            _rest = _rest[4..];
        }

        public void Int32(int value)
        {
            BinaryPrimitives.WriteInt32BigEndian(_rest, value);
            _rest = _rest[4..];
        }

        public void Bytes(ReadOnlySpan<byte> value)
        {
            value.CopyTo(_rest);
            _rest = _rest[value.Length..];
        }

        /// <summary>A length-prefixed byte string.</summary>
        public void Blob(byte[] value)
        {
            UInt32((uint)value.Length);
            Bytes(value);
        }
    }

    /// <summary>Reads what <see cref="SpanWriter"/> wrote; a truncated message throws.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> source)
    {
        private ReadOnlySpan<byte> _rest = source;

        public byte Byte()
        {
            var value = _rest[0];
            _rest = _rest[1..];
            return value;
        }

        public ushort UInt16()
        {
            var value = BinaryPrimitives.ReadUInt16BigEndian(_rest);
            _rest = _rest[2..];
            return value;
        }

        public uint UInt32()
        {
            var value = BinaryPrimitives.ReadUInt32BigEndian(_rest);
            _rest = _rest[4..];
            return value;
        }

        public int Int32()
        {
            var value = BinaryPrimitives.ReadInt32BigEndian(_rest);
            _rest = _rest[4..];
            return value;
        }

        public ReadOnlySpan<byte> Bytes(int length)
        {
            var value = _rest[..length];
            _rest = _rest[length..];
            return value;
        }

        public byte[] Blob() => Bytes((int)UInt32()).ToArray();
    }
}
