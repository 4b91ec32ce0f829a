using System.Text;
using GwSocket.Protocol;

namespace GwSocket.Protocol.Tests;

/// <summary>
/// Masked frames as a client sends them. Byte-literal frames in the tests use the all-zero mask key
/// (<c>MASK:1 key:00000000</c>) so their payload reads as plain bytes; these helpers use a real key,
/// so that unmasking is exercised everywhere else.
/// </summary>
internal static class ClientFrames
{
    public static readonly byte[] Mask = [0x37, 0xFA, 0x21, 0x3D];

    public static byte[] Frame(Opcode opcode, ReadOnlySpan<byte> payload, bool fin = true) =>
        FrameEncoder.EncodeMasked(opcode, payload, Mask, fin);

    public static byte[] Text(string text, bool fin = true) => Frame(Opcode.Text, Encoding.UTF8.GetBytes(text), fin);

    public static byte[] Binary(byte[] payload, bool fin = true) => Frame(Opcode.Binary, payload, fin);

    public static byte[] Continuation(ReadOnlySpan<byte> payload, bool fin) => Frame(Opcode.Continuation, payload, fin);

    public static byte[] Continuation(string text, bool fin) => Continuation(Encoding.UTF8.GetBytes(text), fin);

    public static byte[] Ping(params byte[] payload) => Frame(Opcode.Ping, payload);

    public static byte[] Close(ushort code, string reason = "") =>
        Frame(Opcode.Close, [(byte)(code >> 8), (byte)code, .. Encoding.UTF8.GetBytes(reason)]);

    /// <summary>A masked header with a 64-bit length, as a client announcing <paramref name="length"/> bytes would send it.</summary>
    public static byte[] Header64(Opcode opcode, ulong length, bool fin = true) =>
    [
        (byte)((fin ? 0x80 : 0) | (byte)opcode), 0xFF,
        (byte)(length >> 56), (byte)(length >> 48), (byte)(length >> 40), (byte)(length >> 32),
        (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length,
        .. Mask,
    ];

    public static byte[] Concat(params byte[][] frames) => frames.SelectMany(f => f).ToArray();
}
