using GwSocket.Protocol;
using GwSocket.Protocol.Pipes;

namespace GwSocket.Fuzz.Targets;

/// <summary>
/// The strict-mode record decoder: never throws, buffers no more than the payload limit whatever the declared
/// length, rejects every header it must with that header, and decodes any split of the stream exactly as the whole.
/// </summary>
public sealed class StrictRecordTarget : IFuzzTarget
{
    private static readonly int[] Limits = [1, 16, 1024, 4096];

    /// <summary>Beyond the pooled payload buffer (at most twice the limit): the rejected header and its message.</summary>
    private const long AllocationSlack = 16 * 1024;

    public string Name => "strict";

    public byte[] Generate(Random random) => StrictRecordGenerator.Stream(random);

    public string Check(byte[] input, Random random)
    {
        var limit = Limits[random.Next(Limits.Length)];
        var whole = Decode(limit, [input], "whole input");
        var split = Decode(limit, Splits.Random(input, random), "split input");
        if (whole != split)
            throw new FuzzFailure($"limit {limit}: the whole input gave {whole}, a split of it gave {split}");
        return whole.Failed ? "rejected" : whole.InsideRecord ? $"records, then partial" : "records";
    }

    private static Outcome Decode(int limit, IEnumerable<ReadOnlyMemory<byte>> reads, string what)
    {
        var handler = new Handler(limit);
        using var decoder = new StrictRecordDecoder(limit);
        var result = StrictDecodeResult.Ok;
        var budget = new AllocationBudget(2L * limit + AllocationSlack);
        foreach (var read in reads)
        {
            result = decoder.Decode(read.Span, handler);
            if (result.Failed)
                break;
        }
        budget.Check($"StrictRecordDecoder({limit}) on the {what}");
        if (result.Failed && (result.Header?.Length != StrictRecordHeader.Size || decoder.InsideRecord))
            throw new FuzzFailure($"a rejection must carry the 12-byte header and leave no partial record: {result.Error}");
        return new Outcome(handler.Digest.Value, handler.Digest.Events, result.Failed, result.HeaderHex, decoder.InsideRecord);
    }

    private readonly record struct Outcome(ulong Digest, int Events, bool Failed, string RejectedHeader, bool InsideRecord);

    private sealed class Handler(int limit) : IStrictRecordHandler
    {
        private Digest _digest = new();

        public Digest Digest => _digest;

        public void OnRecord(uint clientId, Opcode type, ReadOnlySpan<byte> payload)
        {
            if (type is not (Opcode.Text or Opcode.Binary))
                throw new FuzzFailure($"record of type {type}");
            if (payload.Length > limit)
                throw new FuzzFailure($"record of {payload.Length} bytes passed the limit of {limit}");
            _digest.Add(clientId);
            _digest.Add((byte)type);
            _digest.Add(payload);
            _digest.EndEvent();
        }
    }
}
