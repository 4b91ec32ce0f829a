using CsCheck;
using GwSocket.Protocol;
using GwSocket.Protocol.Pipes;

namespace GwSocket.Protocol.Tests.Pipes;

/// <summary>However pipe-in bytes are cut into reads, the same records come out; garbage never throws nor allocates past the limit.</summary>
public sealed class StrictRecordProperties
{
    private const int Limit = 4096;

    private static readonly Gen<(uint ClientId, Opcode Type, byte[] Payload)> Record = Gen.Select(
        Gen.Frequency((1, Gen.Const(0u)), (3, Gen.UInt)),
        Gen.Bool.Select(text => text ? Opcode.Text : Opcode.Binary),
        Gen.Frequency((3, Gen.Int[0, 40]), (1, Gen.Int[0, Limit])).SelectMany(size => Gen.Byte.Array[size]));

    /// <summary>Where reads end: offsets into the stream, sorted by the test.</summary>
    private static readonly Gen<int[]> Cuts = Gen.Int[0, int.MaxValue].Array[0, 40];

    /// <summary>Random bytes, and headers of text and binary records with any length, each followed by some payload.</summary>
    private static readonly Gen<byte[]> Garbage = Gen.Frequency(
        (1, Gen.Byte.Array[0, 3000]),
        (2, Gen.Select(Gen.UInt, Gen.UInt[1, 2], Gen.Frequency((1, Gen.UInt[0, 2 * Limit]), (1, Gen.UInt)), Gen.Int[0, 2 * Limit])
            .Select((id, type, length, payload) => Header(id, (StrictRecordType)type, length).Concat(new byte[payload]).ToArray())
            .Array[1, 5]
            .Select(parts => parts.SelectMany(p => p).ToArray())));

    [Fact]
    public void Random_records_cut_at_random_points_decode_to_the_same_records() =>
        Gen.Select(Record.Array[0, 20], Cuts).Sample((records, cuts) =>
        {
            var stream = records.SelectMany(r => StrictRecordEncoder.Message(r.ClientId, r.Type, r.Payload)).ToArray();
            using var decoder = new StrictRecordDecoder(Limit);
            var handler = new RecordingRecordHandler();

            foreach (var read in ReadSplits.Cut(stream, cuts))
                Assert.False(decoder.Decode(read, handler).Failed);

            Assert.False(decoder.InsideRecord);
            Assert.Equal(records.Select(r => DecodedRecord.Of(r.ClientId, r.Type, r.Payload)), handler.Records);
        }, iter: 2000);

    [Fact]
    public void Garbage_never_throws_and_never_allocates_past_the_limit() =>
        Gen.Select(Garbage, Cuts).Sample((stream, cuts) =>
        {
            using var decoder = new StrictRecordDecoder(Limit);
            var handler = new BoundsCheckingHandler();
            foreach (var read in ReadSplits.Cut(stream, cuts))
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var result = decoder.Decode(read, handler);
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

                // A payload buffer (at most the limit, rounded up by the pool) plus an error's header copy and text.
                Assert.True(allocated <= 2 * Limit + 2048, $"allocated {allocated} bytes for a {Limit}-byte limit");
                if (result.Failed)
                {
                    Assert.Equal(StrictRecordHeader.Size, result.Header!.Length);
                    Assert.False(string.IsNullOrEmpty(result.Error));
                    Assert.False(decoder.InsideRecord);
                }
            }
        }, iter: 3000);

    private static byte[] Header(uint clientId, StrictRecordType type, uint length)
    {
        var header = new byte[StrictRecordHeader.Size];
        new StrictRecordHeader(clientId, type, length).Write(header);
        return header;
    }

    /// <summary>Checks what the decoder hands out, without allocating.</summary>
    private sealed class BoundsCheckingHandler : IStrictRecordHandler
    {
        public void OnRecord(uint clientId, Opcode type, ReadOnlySpan<byte> payload)
        {
            Assert.True(type is Opcode.Text or Opcode.Binary);
            Assert.True(payload.Length <= Limit);
        }
    }
}
