using System.Text;

namespace GwSocket.MicroBench;

/// <summary>Deterministic payloads: ASCII text, and text where every fourth character needs more than one byte.</summary>
internal static class Payloads
{
    public static readonly byte[] Mask = [0x37, 0xFA, 0x21, 0x3D];

    public static byte[] Ascii(int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
            bytes[i] = (byte)('a' + (i % 26));
        return bytes;
    }

    public static byte[] MixedUtf8(int size)
    {
        var text = new StringBuilder();
        while (Encoding.UTF8.GetByteCount(text.ToString()) < size)
            text.Append("abcé");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var length = size;
        while (length > 0 && (bytes[length] & 0xC0) == 0x80)
            length--;
        return bytes[..length];
    }
}
