using System.Text;
using CsCheck;
using GwSocket.Protocol.Pipes;

namespace GwSocket.Protocol.Tests.Pipes;

/// <summary>Standard mode never loses data: valid text cut anywhere comes out whole, and every message is valid UTF-8.</summary>
public sealed class StandardTextProperties
{
    private static readonly Gen<string> Text = Gen.Frequency(
            (4, Gen.Int[0, 0x7F]),
            (2, Gen.Int[0x80, 0x7FF]),
            (2, Gen.Int[0x800, 0xFFFF].Where(c => c is < 0xD800 or > 0xDFFF)),
            (2, Gen.Int[0x10000, 0x10FFFF]))
        .Array[0, 300]
        .Select(scalars => string.Concat(scalars.Select(s => new Rune(s).ToString())));

    private static readonly Gen<int[]> Cuts = Gen.Int[0, int.MaxValue].Array[0, 30];

    [Fact]
    public void Valid_text_cut_at_random_points_comes_out_whole_without_replacements() =>
        Gen.Select(Text, Cuts).Sample((text, cuts) =>
        {
            var decoder = new StandardTextDecoder();
            var output = new List<byte>();

            foreach (var read in ReadSplits.Cut(Encoding.UTF8.GetBytes(text), cuts))
                output.AddRange(decoder.Decode(read) ?? []);
            output.AddRange(decoder.Flush() ?? []);

            Assert.Equal(text, Encoding.UTF8.GetString(output.ToArray()));
            Assert.Equal(0, decoder.Replacements);
        }, iter: 2000);

    [Fact]
    public void Random_bytes_always_come_out_as_valid_UTF_8() =>
        Gen.Select(Gen.Byte.Array[0, 500], Cuts).Sample((bytes, cuts) =>
        {
            var decoder = new StandardTextDecoder();
            var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);

            foreach (var read in ReadSplits.Cut(bytes, cuts))
            {
                if (decoder.Decode(read) is { } message)
                    strict.GetString(message);
            }
            if (decoder.Flush() is { } last)
                strict.GetString(last);
        }, iter: 2000);
}
