using Akka.Actor;
using Akka.TestKit.Xunit2;
using CsCheck;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>Random batches and hellos survive the binary form unchanged, whatever their mix of entries.</summary>
public sealed class ClusterMessageSerializerProperties : TestKit
{
    private static readonly Gen<byte[]> Payload = Gen.Frequency(
        (4, Gen.Byte.Array[0, 64]),
        (1, Gen.Byte.Array[0, 70_000]));

    private static readonly Gen<string> RemoteIp = Gen.OneOf(
        Gen.Byte.Array[4].Select(b => $"{b[0]}.{b[1]}.{b[2]}.{b[3]}"),
        Gen.UShort.Array[8].Select(parts => string.Join(':', parts.Select(part => part.ToString("x")))),
        Gen.Const("::1"),
        Gen.Const(string.Empty));

    private static readonly Gen<PeerEntry> Entry = Gen.OneOf(
        Payload.Select(PeerEntry.Broadcast),
        Gen.Select(Gen.UInt, Payload).Select(PeerEntry.Unicast),
        Gen.Select(Gen.UInt, RemoteIp).Select((id, ip) => PeerEntry.From(new ClientOpened(id, ip))),
        Gen.Select(Gen.UInt, Gen.Bool.Select(text => text ? Opcode.Text : Opcode.Binary), Payload).Select((id, type, payload) => PeerEntry.From(new ClientMessage(id, type, payload))),
        Gen.UInt.Select(id => PeerEntry.From(new ClientClosed(id))));

    private static readonly Gen<PeerHello> Hello = Gen.Select(
        Gen.UInt[0, ClientIdLayout.SlotCount - 1], Gen.Int, Gen.String, Gen.Bool, Gen.Bool)
        .Select((slot, uid, name, wantsEvents, isReply) => new PeerHello(slot, uid, name, wantsEvents, isReply));

    private readonly ClusterMessageSerializer _serializer;

    public ClusterMessageSerializerProperties()
    {
        _serializer = new ClusterMessageSerializer((ExtendedActorSystem)Sys);
    }

    [Fact]
    public void Any_batch_round_trips_with_its_entries_in_order()
    {
        Entry.List[0, 40].Sample(entries =>
        {
            var bytes = _serializer.ToBinary(new PeerBatch(entries));

            var decoded = Assert.IsType<PeerBatch>(_serializer.FromBinary(bytes, "B"));

            PeerEntryComparison.AssertSameEntries(entries, decoded.Entries);
        }, iter: 300);
    }

    [Fact]
    public void Any_batch_cut_short_throws()
    {
        Gen.Select(Entry.List[1, 10], Gen.Double[0, 1]).Sample((entries, where) =>
        {
            var bytes = _serializer.ToBinary(new PeerBatch(entries));
            var cut = (int)(where * (bytes.Length - 1));

            Assert.ThrowsAny<Exception>(() => _serializer.FromBinary(bytes[..cut], "B"));
        }, iter: 300);
    }

    [Fact]
    public void Any_hello_round_trips()
    {
        Hello.Sample(hello => Assert.Equal(hello, _serializer.FromBinary(_serializer.ToBinary(hello), "H")), iter: 1000);
    }
}
