using CsCheck;
using GwSocket.Protocol;

namespace GwSocket.Protocol.Tests;

/// <summary>Hostile input: the reader never throws, fails only with its own codes, and never buffers past its limit.</summary>
public sealed class GarbageProperties
{
    private const int Limit = 4096;

    /// <summary>Allocation allowed per sample beyond the buffered bytes: pool bookkeeping and error strings.</summary>
    private const long Overhead = 16 * 1024;

    private static readonly ushort[] AllowedCodes = [CloseCodes.ProtocolError, CloseCodes.InvalidPayload, CloseCodes.MessageTooBig];

    /// <summary>
    /// Headers with 64-bit lengths from tiny to huge, each followed by up to 60000 bytes of payload: often
    /// exactly the declared length, so that the next header is read as one (a fragment, then a huge continuation).
    /// </summary>
    private static readonly Gen<byte[]> HugeFrames = Gen.Select(
            Gen.Frequency((1, Gen.Byte[0x00, 0x02]), (3, Gen.Byte[0x80, 0x82]), (1, Gen.Byte)),
            Gen.Frequency((1, Gen.Long[0, 2 * Limit]), (1, Gen.Long[Limit, long.MaxValue]), (1, Gen.Long[long.MaxValue - 2 * Limit, long.MaxValue])),
            Gen.Int[0, 60_000],
            Gen.Bool,
            (first, length, payload, exact) => (First: first, Length: (ulong)length, Payload: exact ? (int)Math.Min(length, 60_000) : payload))
        .Array[1, 4]
        .Select(frames => ClientFrames.Concat(frames
            .Select(f => ClientFrames.Concat(HeaderFor(f.First, f.Length), new byte[f.Payload]))
            .ToArray()));

    /// <summary>A message started within the limit, then a continuation announcing nearly 2^63 bytes and sending 16 times the limit.</summary>
    private static readonly Gen<byte[]> HugeContinuation = Gen.Select(
        Gen.Byte.Array[1, Limit],
        Gen.Long[long.MaxValue - Limit, long.MaxValue],
        (start, length) => ClientFrames.Concat(
            ClientFrames.Binary(start, fin: false),
            ClientFrames.Header64(Opcode.Continuation, (ulong)length),
            new byte[16 * Limit]));

    /// <summary>Valid streams with some bytes overwritten and the end cut at a random place.</summary>
    private static readonly Gen<byte[]> MutatedFrames = Gen.Select(
        Generators.Message.Array[1, 4],
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Byte).Array[1, 6],
        Gen.Double[0, 1],
        (messages, edits, keep) =>
        {
            var stream = Generators.Encode(messages).Stream;
            foreach (var (position, value) in edits)
                stream[position % stream.Length] = value;
            return stream[..(int)(stream.Length * keep)];
        });

    private static readonly Gen<byte[]> Garbage = Gen.Frequency(
        (1, Gen.Byte.Array[0, 4000]),
        (2, HugeFrames),
        (1, HugeContinuation),
        (3, MutatedFrames));

    [Fact]
    public void Garbage_never_throws_fails_only_with_1002_1007_1009_and_never_buffers_past_the_limit() =>
        Gen.Select(Garbage, Generators.ReadSizes).Sample((stream, readSizes) =>
        {
            using var reader = new MessageReader(Limit);
            var handler = new BoundsCheckingHandler();
            var result = ReadResult.Ok;

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (int offset = 0, i = 0; offset < stream.Length && !result.Failed; i++)
            {
                var size = Math.Min(readSizes[i % readSizes.Length], stream.Length - offset);
                result = reader.Read(stream.AsSpan(offset, size), handler);
                offset += size;
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(allocated < 4 * Limit + Overhead, $"allocated {allocated} bytes for a {Limit}-byte limit");
            if (result.Failed)
            {
                Assert.Contains(result.CloseCode, AllowedCodes);
                Assert.False(string.IsNullOrEmpty(result.Error));
                Assert.Equal(result, reader.Read(stream, handler));
            }
        }, iter: 3000);

    private static byte[] HeaderFor(byte first, ulong length)
    {
        var header = ClientFrames.Header64(Opcode.Binary, length);
        header[0] = first;
        return header;
    }

    /// <summary>Checks what the reader hands out, without allocating.</summary>
    private sealed class BoundsCheckingHandler : IMessageHandler
    {
        public void OnMessage(Opcode type, ReadOnlySpan<byte> payload)
        {
            Assert.True(type is Opcode.Text or Opcode.Binary);
            Assert.True(payload.Length <= Limit);
        }

        public void OnPing(ReadOnlySpan<byte> payload) => Assert.True(payload.Length <= 125);

        public void OnPong(ReadOnlySpan<byte> payload) => Assert.True(payload.Length <= 125);

        public void OnClose(ushort? code, string reason) => Assert.True(code is null || CloseCodes.IsValidOnWire(code.Value));
    }
}
