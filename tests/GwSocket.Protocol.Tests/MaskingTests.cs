using System.Numerics;
using GwSocket.Protocol;

namespace GwSocket.Protocol.Tests;

/// <summary>RFC 6455 section 5.3: the vectorised XOR must equal the byte-by-byte definition.</summary>
public sealed class MaskingTests
{
    private static readonly byte[] Key = [0xA1, 0xB2, 0xC3, 0xD4];

    public static TheoryData<int> Lengths()
    {
        var width = Vector<byte>.Count;
        var lengths = new SortedSet<int> { 0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1000, 4099 };
        foreach (var multiple in new[] { 1, 2, 3 })
        {
            for (var delta = -3; delta <= 3; delta++)
                lengths.Add(Math.Max(0, width * multiple + delta));
        }
        return new TheoryData<int>(lengths);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Apply_matches_the_naive_loop_at_every_mask_offset(int length)
    {
        var source = Enumerable.Range(0, length).Select(i => (byte)(i * 31 + 7)).ToArray();
        for (var offset = 0; offset < 4; offset++)
        {
            var destination = new byte[length];

            var next = Masking.Apply(source, destination, Key, offset);

            Assert.Equal(Naive(source, offset), destination);
            Assert.Equal((offset + length) % 4, next);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Apply_in_place_matches_the_naive_loop(int length)
    {
        var source = Enumerable.Range(0, length).Select(i => (byte)(i * 17 + 3)).ToArray();
        for (var offset = 0; offset < 4; offset++)
        {
            var buffer = source.ToArray();

            Masking.Apply(buffer, buffer, Key, offset);

            Assert.Equal(Naive(source, offset), buffer);
        }
    }

    [Fact]
    public void Apply_in_pieces_equals_apply_at_once()
    {
        var source = Enumerable.Range(0, 257).Select(i => (byte)i).ToArray();
        var whole = new byte[source.Length];
        var pieces = new byte[source.Length];
        Masking.Apply(source, whole, Key, 0);

        var offset = 0;
        var start = 0;
        foreach (var size in new[] { 1, 2, 3, 70, 5, 99, 77 })
        {
            offset = Masking.Apply(source.AsSpan(start, size), pieces.AsSpan(start, size), Key, offset);
            start += size;
        }

        Assert.Equal(source.Length, start);
        Assert.Equal(whole, pieces);
    }

    [Fact]
    public void Applying_twice_restores_the_payload()
    {
        var source = Enumerable.Range(0, 300).Select(i => (byte)(i ^ 0x5A)).ToArray();
        var buffer = source.ToArray();

        Masking.Apply(buffer, buffer, Key, 2);
        Masking.Apply(buffer, buffer, Key, 2);

        Assert.Equal(source, buffer);
    }

    private static byte[] Naive(byte[] source, int offset)
    {
        var result = new byte[source.Length];
        for (var i = 0; i < source.Length; i++)
            result[i] = (byte)(source[i] ^ Key[(offset + i) % 4]);
        return result;
    }
}
