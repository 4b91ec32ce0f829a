using GwSocket.Protocol;
using static GwSocket.Protocol.Tests.ReaderFixture;

namespace GwSocket.Protocol.Tests;

/// <summary>
/// Inputs written to hurt: lengths declared up to 2^63-1 are refused from the header with nothing buffered, a message
/// cut into a flood of 1-byte fragments is bounded by the limit on the whole message, and a ping flood is read
/// in constant memory.
/// </summary>
public sealed class HostileFrameTests
{
    private const long Limit = 1024 * 1024;

    /// <summary>The reader's own state, and the message buffer it is allowed: never more than twice the limit.</summary>
    private const long Slack = 16 * 1024;

    [Theory]
    [InlineData(Limit + 1)]
    [InlineData(uint.MaxValue)]
    [InlineData(1L << 40)]
    [InlineData(long.MaxValue)]
    public void Declared_length_above_the_limit_fails_with_1009_from_the_header_and_allocates_nothing(long declared)
    {
        var header = ClientFrames.Header64(Opcode.Binary, (ulong)declared);
        // Once before measuring, so that first-call costs (type loading, JIT) are not counted.
        using (var warmUp = new ReaderFixture(Limit))
            warmUp.Feed(header);
        using var reader = new ReaderFixture(Limit);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = reader.Feed(header);

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024, "the reader allocated for a length it refused");
        AssertFails(CloseCodes.MessageTooBig, result);
    }

    [Fact]
    public void Declared_length_with_the_most_significant_bit_set_fails_with_1002()
    {
        using var reader = new ReaderFixture(Limit);

        // FIN:1 op:binary MASK:1 LEN:64-bit 2^63 (forbidden by RFC 6455 5.2) key:00000000
        AssertFails(CloseCodes.ProtocolError, reader.Feed([0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    }

    [Fact]
    public void Message_of_a_million_one_byte_fragments_is_delivered_whole_within_bounded_memory()
    {
        const int fragments = 1_000_000;
        using var reader = new ReaderFixture(Limit);
        var stream = OneByteFragments(fragments);
        var before = GC.GetAllocatedBytesForCurrentThread();

        AssertOk(reader.FeedInReads(stream, 8192));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var message = Assert.Single(reader.Events);
        Assert.Equal(fragments, message.Payload.Length);
        // The recording handler copies the message once; the reader itself stays under twice the limit.
        Assert.True(allocated < 2 * Limit + fragments + Slack, $"{allocated} bytes allocated for a {fragments}-byte message");
    }

    [Fact]
    public void One_byte_fragments_beyond_the_limit_on_the_whole_message_fail_with_1009()
    {
        const int limit = 1000;
        using var reader = new ReaderFixture(limit);

        var result = reader.FeedInReads(OneByteFragments(limit + 1), 4096);

        AssertFails(CloseCodes.MessageTooBig, result);
        Assert.Empty(reader.Events);
    }

    [Fact]
    public void Ping_flood_is_read_in_constant_memory_and_every_ping_is_reported()
    {
        const int pings = 100_000;
        var ping = ClientFrames.Ping(new byte[125]);
        var flood = new byte[ping.Length * pings];
        for (var i = 0; i < pings; i++)
            ping.CopyTo(flood, i * ping.Length);
        using var reader = new MessageReader(Limit);
        var handler = new CountingHandler();
        AssertOk(reader.Read(ping, handler));
        var before = GC.GetAllocatedBytesForCurrentThread();

        AssertOk(reader.Read(flood, handler));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024, "reading pings allocated");
        Assert.Equal(pings + 1, handler.Pings);
    }

    /// <summary>A binary message of <paramref name="count"/> bytes, one byte per frame: the first opens it, the last has FIN.</summary>
    private static byte[] OneByteFragments(int count)
    {
        var stream = new MemoryStream();
        for (var i = 0; i < count; i++)
        {
            var opcode = i == 0 ? Opcode.Binary : Opcode.Continuation;
            stream.Write(ClientFrames.Frame(opcode, [(byte)i], fin: i == count - 1));
        }
        return stream.ToArray();
    }

    private sealed class CountingHandler : IMessageHandler
    {
        public int Pings { get; private set; }

        public void OnMessage(Opcode type, ReadOnlySpan<byte> payload) => throw new InvalidOperationException("no message was sent");

        public void OnPing(ReadOnlySpan<byte> payload) => Pings++;

        public void OnPong(ReadOnlySpan<byte> payload) => throw new InvalidOperationException("no pong was sent");

        public void OnClose(ushort? code, string reason) => throw new InvalidOperationException("no close was sent");
    }
}
