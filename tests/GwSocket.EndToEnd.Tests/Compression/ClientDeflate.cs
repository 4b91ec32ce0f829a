using System.IO.Compression;
using System.Security.Cryptography;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Compression;

/// <summary>
/// A client's side of permessage-deflate (RFC 7692 section 7.2), written here with zlib directly rather than with the
/// server's compressor: messages compressed without context takeover, tail removed; received ones inflated with it appended.
/// </summary>
public static class ClientDeflate
{
    public const string Offer = "permessage-deflate; client_max_window_bits";

    public static byte[] Compress(byte[] payload)
    {
        var output = new MemoryStream();
        using var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true);
        deflate.Write(payload);
        deflate.Flush();
        return output.ToArray()[..^4];
    }

    public static byte[] Inflate(byte[] compressed)
    {
        using var inflate = new DeflateStream(new MemoryStream([.. compressed, 0x00, 0x00, 0xFF, 0xFF]), CompressionMode.Decompress);
        var output = new MemoryStream();
        inflate.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>A masked frame with RSV1 carrying <paramref name="compressed"/>, as a client sends a compressed message.</summary>
    public static byte[] Frame(Opcode type, byte[] compressed) =>
        FrameEncoder.EncodeMasked(type, compressed, RandomNumberGenerator.GetBytes(4), compressed: true);

    /// <summary>A JSON-like text that compresses well, as a dashboard's updates do.</summary>
    public static string Json(int entries) =>
        "[" + string.Join(",", Enumerable.Range(0, entries).Select(i => $"{{\"id\":{i},\"path\":\"/api/items/{i % 17}\",\"status\":{(i % 5 == 0 ? 404 : 200)},\"ms\":{i % 97}.{i % 10}}}")) + "]";
}
