using GwSocket.Protocol;

namespace GwSocket.Fuzz.Targets;

/// <summary>
/// The frame decoder (MessageReader): never throws, buffers no more than the message limit whatever the declared
/// lengths, delivers only what the rules allow, and decodes any split of the stream exactly as the whole.
/// </summary>
public sealed class FrameTarget : IFuzzTarget
{
    private static readonly int[] Limits = [16, 125, 1024, 4096];

    /// <summary>Beyond the pooled message buffer (at most twice the limit): the close reason and the pool's own bookkeeping.</summary>
    private const long AllocationSlack = 16 * 1024;

    public string Name => "frames";

    public byte[] Generate(Random random) => FrameGenerator.Stream(random);

    public string Check(byte[] input, Random random)
    {
        var limit = Limits[random.Next(Limits.Length)];
        var whole = Decode(limit, [input], "whole input");
        var split = Decode(limit, Splits.Random(input, random), "split input");
        if (whole != split)
            throw new FuzzFailure($"limit {limit}: the whole input gave {whole}, a split of it gave {split}");
        return whole.Failed ? $"close {whole.CloseCode}" : whole.CloseReceived ? "closed" : whole.Events > 0 ? "delivered" : "incomplete";
    }

    private static Outcome Decode(long limit, IEnumerable<ReadOnlyMemory<byte>> reads, string what)
    {
        var handler = new FrameDigestHandler(limit);
        using var reader = new MessageReader(limit);
        var result = ReadResult.Ok;
        var budget = new AllocationBudget(2 * limit + AllocationSlack);
        foreach (var read in reads)
        {
            result = reader.Read(read.Span, handler);
            if (result.Failed || reader.CloseReceived)
                break;
        }
        budget.Check($"MessageReader({limit}) on the {what}");
        if (result.Failed && result.CloseCode is not (CloseCodes.ProtocolError or CloseCodes.InvalidPayload or CloseCodes.MessageTooBig))
            throw new FuzzFailure($"failure with close code {result.CloseCode}: {result.Error}");
        return new Outcome(handler.Digest.Value, handler.Digest.Events, result.Failed, result.CloseCode, reader.CloseReceived);
    }

    private readonly record struct Outcome(ulong Digest, int Events, bool Failed, ushort CloseCode, bool CloseReceived);
}
