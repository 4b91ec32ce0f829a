using System.Numerics;
using System.Runtime.InteropServices;

namespace GwSocket.Protocol;

/// <summary>The XOR masking of RFC 6455 section 5.3, vectorised.</summary>
public static class Masking
{
    /// <summary>
    /// Writes <paramref name="source"/> XOR the mask into <paramref name="destination"/> (which may be
    /// the same memory), starting at <paramref name="maskOffset"/> within the 4-byte key.
    /// Returns the mask offset for the byte that follows.
    /// </summary>
    public static int Apply(ReadOnlySpan<byte> source, Span<byte> destination, ReadOnlySpan<byte> mask, int maskOffset)
    {
        var length = source.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<byte>.Count)
        {
            // Vector<byte>.Count is a multiple of 4, so the key rotated to start at mask[maskOffset], repeated,
            // serves every block; the rotation is in memory order, hence its direction follows the endianness.
            var key = MemoryMarshal.Read<uint>(mask);
            var shift = 8 * (maskOffset & 3);
            key = BitConverter.IsLittleEndian ? BitOperations.RotateRight(key, shift) : BitOperations.RotateLeft(key, shift);
            var maskVector = Vector.AsVectorByte(new Vector<uint>(key));
            for (; i <= length - Vector<byte>.Count; i += Vector<byte>.Count)
                (new Vector<byte>(source[i..]) ^ maskVector).CopyTo(destination[i..]);
        }
        for (; i < length; i++)
            destination[i] = (byte)(source[i] ^ mask[(maskOffset + i) & 3]);
        return (maskOffset + length) & 3;
    }
}
