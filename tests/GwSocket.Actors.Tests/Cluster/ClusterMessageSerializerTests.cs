using System.Text;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>The binary form of router-to-router messages: what goes in comes out, field by field.</summary>
public sealed class ClusterMessageSerializerTests : TestKit
{
    private readonly ClusterMessageSerializer _serializer;

    public ClusterMessageSerializerTests()
        : base(BrokerConfig.WithBroker)
    {
        _serializer = new ClusterMessageSerializer((ExtendedActorSystem)Sys);
    }

    private object RoundTrip(object message) => _serializer.FromBinary(_serializer.ToBinary(message), _serializer.Manifest(message));

    private PeerBatch RoundTrip(PeerBatch batch) => Assert.IsType<PeerBatch>(RoundTrip((object)batch));

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void PeerHello_keeps_both_flags(bool wantsEvents, bool isReply)
    {
        var hello = new PeerHello(Slot: 3, NodeUid: 123456, "node-a", wantsEvents, isReply);

        Assert.Equal(hello, RoundTrip(hello));
    }

    [Theory]
    [InlineData("")]
    [InlineData("gwsocket-7f9c")]
    [InlineData("nœud-é-日本-🚀")]
    public void PeerHello_keeps_the_node_name_including_non_ascii(string name)
    {
        var hello = new PeerHello(Slot: ClientIdLayout.SlotCount - 1, NodeUid: -987654321, name, WantsEvents: true, IsReply: false);

        Assert.Equal(hello, RoundTrip(hello));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1_048_576L)]
    [InlineData(long.MaxValue)]
    public void PeerGrant_keeps_the_cumulative_bytes_delivered(long delivered)
    {
        var grant = new PeerGrant(delivered);

        Assert.Equal(grant, RoundTrip(grant));
    }

    [Fact]
    public void PeerBatch_keeps_every_entry_kind_in_order()
    {
        var entries = new List<PeerEntry>
        {
            PeerEntry.From(new ClientOpened(0x0040_0001, "192.0.2.7")),
            PeerEntry.Broadcast([0x81, 0x02, (byte)'h', (byte)'i']),
            PeerEntry.Unicast(0x0040_0001, [0x82, 0x01, 0xFF]),
            PeerEntry.From(new ClientMessage(0x0040_0001, Opcode.Text, Encoding.UTF8.GetBytes("héllo"))),
            PeerEntry.From(new ClientMessage(0x0040_0002, Opcode.Binary, [0, 1, 2, 3])),
            PeerEntry.From(new ClientClosed(0x0040_0001)),
            PeerEntry.Broadcast([0x81, 0x00]),
        };

        var decoded = RoundTrip(new PeerBatch(entries));

        PeerEntryComparison.AssertSameEntries(entries, decoded.Entries);
    }

    [Fact]
    public void PeerBatch_keeps_empty_payloads_and_an_empty_batch()
    {
        var entries = new List<PeerEntry>
        {
            PeerEntry.Broadcast([]),
            PeerEntry.Unicast(7, []),
            PeerEntry.From(new ClientMessage(7, Opcode.Text, [])),
            PeerEntry.From(new ClientOpened(8, string.Empty)),
        };

        PeerEntryComparison.AssertSameEntries(entries, RoundTrip(new PeerBatch(entries)).Entries);
        Assert.Empty(RoundTrip(new PeerBatch([])).Entries);
    }

    [Fact]
    public void PeerBatch_keeps_a_1_MiB_frame_byte_for_byte()
    {
        var frame = new byte[1024 * 1024 + 10];
        new Random(42).NextBytes(frame);
        var entries = new List<PeerEntry> { PeerEntry.Broadcast(frame), PeerEntry.Unicast(0xFFFF_FFFF, frame) };

        PeerEntryComparison.AssertSameEntries(entries, RoundTrip(new PeerBatch(entries)).Entries);
    }

    [Theory]
    [InlineData("2001:db8:85a3::8a2e:370:7334")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255")] // 45 characters, the longest textual IPv6 address
    [InlineData("::ffff:192.0.2.128")]
    [InlineData("fe80::1%eth0")]
    public void PeerBatch_keeps_an_ipv6_remote_address(string ip)
    {
        var entries = new List<PeerEntry> { PeerEntry.From(new ClientOpened(42, ip)) };

        PeerEntryComparison.AssertSameEntries(entries, RoundTrip(new PeerBatch(entries)).Entries);
    }

    [Fact]
    public void Manifests_are_the_stable_one_letter_names()
    {
        Assert.Equal("H", _serializer.Manifest(new PeerHello(0, 1, "n", false, false)));
        Assert.Equal("B", _serializer.Manifest(new PeerBatch([])));
        Assert.Equal(7890, _serializer.Identifier);
    }

    [Fact]
    public void An_unknown_manifest_throws()
    {
        Assert.ThrowsAny<Exception>(() => _serializer.FromBinary([0, 0, 0, 0], "X"));
    }

    [Fact]
    public void A_truncated_PeerHello_throws_at_every_cut()
    {
        var bytes = _serializer.ToBinary(new PeerHello(5, 77, "node-é", true, true));

        for (var length = 0; length < bytes.Length; length++)
            Assert.ThrowsAny<Exception>(() => _serializer.FromBinary(bytes[..length], "H"));
    }

    [Fact]
    public void A_truncated_PeerBatch_throws_at_every_cut()
    {
        var bytes = _serializer.ToBinary(new PeerBatch(
        [
            PeerEntry.Broadcast([1, 2, 3]),
            PeerEntry.Unicast(9, [4, 5]),
            PeerEntry.From(new ClientOpened(9, "::1")),
            PeerEntry.From(new ClientMessage(9, Opcode.Binary, [6])),
            PeerEntry.From(new ClientClosed(9)),
        ]));

        for (var length = 0; length < bytes.Length; length++)
            Assert.ThrowsAny<Exception>(() => _serializer.FromBinary(bytes[..length], "B"));
    }

    [Fact]
    public void A_batch_claiming_more_entries_than_its_bytes_hold_throws_without_allocating_them()
    {
        byte[] bytes = [0x7F, 0xFF, 0xFF, 0xFF, (byte)PeerEntryKind.Closed, 0, 0, 0, 1];

        Assert.ThrowsAny<Exception>(() => _serializer.FromBinary(bytes, "B"));
    }

    [Fact]
    public void An_unknown_entry_kind_throws()
    {
        byte[] bytes = [0, 0, 0, 1, 0x7E, 0, 0, 0, 1];

        Assert.ThrowsAny<Exception>(() => _serializer.FromBinary(bytes, "B"));
    }

    [Fact]
    public void A_message_that_is_not_a_cluster_message_is_refused()
    {
        Assert.ThrowsAny<ArgumentException>(() => _serializer.ToBinary("not a cluster message"));
        Assert.ThrowsAny<ArgumentException>(() => _serializer.Manifest(42));
    }
}
