using System.Text;
using CsCheck;
using GwSocket.Protocol;

namespace GwSocket.Protocol.Tests;

/// <summary>A control frame to slip in after a data frame.</summary>
internal sealed record PlannedControl(Opcode Opcode, byte[] Payload);

/// <summary>
/// A data message and how a client sends it: cut at <see cref="Cuts"/> into fragments, with
/// <see cref="Controls"/>[i] (when present) sent right after fragment i.
/// When <see cref="Inflated"/> is set, <see cref="Payload"/> is its compressed form and the first fragment has RSV1.
/// </summary>
internal sealed record PlannedMessage(Opcode Type, byte[] Payload, int[] Cuts, PlannedControl?[] Controls, uint Mask, byte[]? Inflated = null);

internal static class Generators
{
    /// <summary>Unicode scalar values (no surrogates), spread over the 1- to 4-byte UTF-8 lengths.</summary>
    public static readonly Gen<int> Scalar = Gen.Frequency(
        (4, Gen.Int[0, 0x7F]),
        (2, Gen.Int[0x80, 0x7FF]),
        (2, Gen.Int[0x800, 0xFFFF].Where(c => c is < 0xD800 or > 0xDFFF)),
        (1, Gen.Int[0x10000, 0x10FFFF]));

    /// <summary>Random valid text of about 0 to 70000 UTF-8 bytes, mostly small.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
            (6, Gen.Int[0, 100]),
            (3, Gen.Int[0, 2500]),
            (1, Gen.Int[0, 30000]))
        .SelectMany(count => Scalar.Array[0, count])
        .Select(ToText);

    /// <summary>Random bytes, 0 to 70000 of them, mostly few.</summary>
    public static readonly Gen<byte[]> Binary = Gen.Frequency(
            (6, Gen.Int[0, 200]),
            (3, Gen.Int[0, 5000]),
            (1, Gen.Int[0, 70000]))
        .SelectMany(size => Gen.Byte.Array[size]);

    public static readonly Gen<PlannedControl?> Control = Gen.Frequency(
        (3, Gen.Const((PlannedControl?)null)),
        (2, Gen.Byte.Array[0, 125].Select(p => (PlannedControl?)new PlannedControl(Opcode.Ping, p))),
        (1, Gen.Byte.Array[0, 125].Select(p => (PlannedControl?)new PlannedControl(Opcode.Pong, p))));

    public static readonly Gen<PlannedMessage> Message = Gen.Frequency(
            (1, Text.Select(t => (Type: Opcode.Text, Payload: Encoding.UTF8.GetBytes(t)))),
            (1, Binary.Select(b => (Type: Opcode.Binary, Payload: b))))
        .SelectMany(m => Gen.Select(
            Gen.Int[0, m.Payload.Length].Array[0, 6],
            Control.Array[0, 7],
            Gen.UInt,
            (cuts, controls, mask) => new PlannedMessage(m.Type, m.Payload, cuts, controls, mask)));

    /// <summary>Sizes of successive reads, cycled over the stream: one byte at a time, small, or large.</summary>
    public static readonly Gen<int[]> ReadSizes = Gen.Frequency(
        (1, Gen.Const<int[]>([1])),
        (2, Gen.Int[1, 16].Array[1, 8]),
        (2, Gen.Int[1, 100_000].Array[1, 8]));

    /// <summary>The masked frames a client sends for <paramref name="messages"/>, and what a reader must report, in order.</summary>
    public static (byte[] Stream, List<Received> Expected) Encode(IEnumerable<PlannedMessage> messages)
    {
        var stream = new List<byte>();
        var expected = new List<Received>();
        foreach (var message in messages)
        {
            int[] bounds = [0, .. message.Cuts.Order(), message.Payload.Length];
            var fragments = bounds.Length - 1;
            for (var i = 0; i < fragments; i++)
            {
                var mask = BitConverter.GetBytes(message.Mask + (uint)i * 0x9E3779B9u);
                var last = i == fragments - 1;
                var payload = message.Payload.AsSpan(bounds[i], bounds[i + 1] - bounds[i]);
                var first = i == 0;
                stream.AddRange(FrameEncoder.EncodeMasked(first ? message.Type : Opcode.Continuation, payload, mask, fin: last, compressed: first && message.Inflated is not null));
                if (last)
                    expected.Add(new Received(message.Type == Opcode.Text ? ReceivedKind.Text : ReceivedKind.Binary, message.Inflated ?? message.Payload));
                if (i < message.Controls.Length && message.Controls[i] is { } control)
                {
                    stream.AddRange(FrameEncoder.EncodeMasked(control.Opcode, control.Payload, mask));
                    expected.Add(new Received(control.Opcode == Opcode.Ping ? ReceivedKind.Ping : ReceivedKind.Pong, control.Payload));
                }
            }
        }
        return (stream.ToArray(), expected);
    }

    private static string ToText(int[] scalars)
    {
        var builder = new StringBuilder(scalars.Length * 2);
        foreach (var scalar in scalars)
            builder.Append(new Rune(scalar).ToString());
        return builder.ToString();
    }
}
