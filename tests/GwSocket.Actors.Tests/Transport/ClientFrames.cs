using System.Buffers.Binary;
using System.Text;
using GwSocket.Protocol;

namespace GwSocket.Actors.Tests.Transport;

/// <summary>Frames as a well-behaved client sends them: masked (RFC 6455 section 5.3).</summary>
internal static class ClientFrames
{
    private static readonly byte[] Mask = [0x37, 0xFA, 0x21, 0x3D];

    public static byte[] Text(string text, bool fin = true) => FrameEncoder.EncodeMasked(Opcode.Text, Encoding.UTF8.GetBytes(text), Mask, fin);

    public static byte[] Binary(byte[] payload) => FrameEncoder.EncodeMasked(Opcode.Binary, payload, Mask);

    public static byte[] Ping(string payload) => FrameEncoder.EncodeMasked(Opcode.Ping, Encoding.UTF8.GetBytes(payload), Mask);

    public static byte[] Pong(ReadOnlySpan<byte> payload) => FrameEncoder.EncodeMasked(Opcode.Pong, payload, Mask);

    public static byte[] Close(ushort code, string reason = "")
    {
        var reasonBytes = Encoding.UTF8.GetBytes(reason);
        var payload = new byte[2 + reasonBytes.Length];
        BinaryPrimitives.WriteUInt16BigEndian(payload, code);
        reasonBytes.CopyTo(payload, 2);
        return FrameEncoder.EncodeMasked(Opcode.Close, payload, Mask);
    }

    public static byte[] CloseWithoutStatus() => FrameEncoder.EncodeMasked(Opcode.Close, ReadOnlySpan<byte>.Empty, Mask);
}
