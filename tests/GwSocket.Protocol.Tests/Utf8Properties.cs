using System.Text;
using CsCheck;
using GwSocket.Protocol;

namespace GwSocket.Protocol.Tests;

/// <summary>The incremental validator agrees with .NET's strict UTF-8 decoder, chunk by chunk.</summary>
public sealed class Utf8Properties
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Pieces of text that are nearly UTF-8: ASCII, whole sequences, cut sequences, stray high bytes, surrogates.</summary>
    private static readonly Gen<byte[]> Piece = Gen.Frequency(
        (4, Gen.Byte[0x20, 0x7E].Array[1, 8]),
        (4, Generators.Scalar.Select(scalar => Encoding.UTF8.GetBytes(new Rune(scalar).ToString()))),
        (1, Gen.Int[0x80, 0x10FFFF].Where(c => c is < 0xD800 or > 0xDFFF).SelectMany(scalar =>
        {
            var bytes = Encoding.UTF8.GetBytes(new Rune(scalar).ToString());
            return Gen.Int[1, bytes.Length - 1].Select(keep => bytes[..keep]);
        })),
        (1, Gen.Byte[0x80, 0xFF].Array[1, 2]),
        (1, Gen.Int[0xD800, 0xDFFF].Select(s => new[] { (byte)(0xE0 | (s >> 12)), (byte)(0x80 | ((s >> 6) & 0x3F)), (byte)(0x80 | (s & 0x3F)) })),
        (1, Gen.Byte.Array[1, 4]));

    private static readonly Gen<byte[]> ValidPieces = Generators.Scalar
        .Select(scalar => Encoding.UTF8.GetBytes(new Rune(scalar).ToString()))
        .Array[0, 40]
        .Select(Concat);

    private static readonly Gen<byte[]> MixedPieces = Piece.Array[0, 20].Select(Concat);

    /// <summary>Byte strings, half of them drawn from valid text so both verdicts come up often.</summary>
    private static readonly Gen<byte[]> NearlyUtf8 = Gen.Frequency((1, ValidPieces), (1, MixedPieces));

    private static readonly Gen<int[]> ChunkSizes = Gen.Int[1, 8].Array[1, 6];

    [Fact]
    public void Random_bytes_in_random_chunks_get_the_strict_decoders_verdict() =>
        Gen.Select(NearlyUtf8, ChunkSizes).Sample((bytes, chunkSizes) =>
        {
            var validator = new Utf8Validator();
            var accepted = true;
            foreach (var chunk in Chunks(bytes, chunkSizes))
            {
                if (!validator.Append(chunk))
                {
                    accepted = false;
                    break;
                }
            }

            Assert.Equal(IsStrictlyValid(bytes), accepted && validator.IsComplete);
        }, iter: 5000);

    /// <summary>
    /// Failing fast: the validator rejects the very chunk on which .NET's streaming strict decoder
    /// (which keeps a valid incomplete tail for the next call) first throws.
    /// </summary>
    [Fact]
    public void Invalid_bytes_fail_at_the_same_chunk_as_the_streaming_strict_decoder() =>
        Gen.Select(NearlyUtf8, ChunkSizes).Sample((bytes, chunkSizes) =>
        {
            var chunks = Chunks(bytes, chunkSizes).ToList();

            Assert.Equal(StreamingDecoderFailure(chunks), ValidatorFailure(chunks));
        }, iter: 5000);

    /// <summary>Index of the chunk the validator rejects, chunks.Count when only the end is incomplete, or -1.</summary>
    private static int ValidatorFailure(List<byte[]> chunks)
    {
        var validator = new Utf8Validator();
        for (var i = 0; i < chunks.Count; i++)
        {
            if (!validator.Append(chunks[i]))
                return i;
        }
        return validator.IsComplete ? -1 : chunks.Count;
    }

    /// <summary>Same convention as <see cref="ValidatorFailure"/>, from .NET's own decoder.</summary>
    private static int StreamingDecoderFailure(List<byte[]> chunks)
    {
        var decoder = Strict.GetDecoder();
        for (var i = 0; i <= chunks.Count; i++)
        {
            var chunk = i < chunks.Count ? chunks[i] : [];
            try
            {
                decoder.GetChars(chunk, new char[chunk.Length + 4], flush: i == chunks.Count);
            }
            catch (DecoderFallbackException)
            {
                return i;
            }
        }
        return -1;
    }

    private static bool IsStrictlyValid(byte[] bytes)
    {
        try
        {
            Strict.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static IEnumerable<byte[]> Chunks(byte[] bytes, int[] sizes)
    {
        for (int offset = 0, i = 0; offset < bytes.Length; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length], bytes.Length - offset);
            yield return bytes[offset..(offset + size)];
            offset += size;
        }
    }

    private static byte[] Concat(byte[][] pieces) => pieces.SelectMany(p => p).ToArray();
}
