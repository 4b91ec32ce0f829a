using System.Diagnostics;
using System.IO.Compression;

namespace GwSocket.Protocol.Compression;

/// <summary>
/// Compresses a whole message for permessage-deflate (RFC 7692 section 7.2.1) without context takeover: a fresh
/// deflate stream per message, ended by a sync flush whose empty stored block (0x00 0x00 0xff 0xff) is removed.
/// The result depends on the message alone, so one compressed frame serves every client that negotiated.
/// </summary>
public static class MessageCompressor
{
    private static readonly ZLibCompressionOptions Options = new()
    {
        // zlib's default level: a broadcast is compressed once for all its recipients, so the better ratio is cheap.
        CompressionLevel = 6,
        CompressionStrategy = ZLibCompressionStrategy.Default,
    };

    private static ReadOnlySpan<byte> FlushTail => [0x00, 0x00, 0xFF, 0xFF];

    /// <summary>
    /// A complete server frame (FIN, RSV1 set) carrying <paramref name="payload"/> compressed, or null when
    /// compressing would not make the payload smaller (then the plain frame is the better one to send).
    /// </summary>
    public static byte[]? EncodeFrame(Opcode type, ReadOnlySpan<byte> payload)
    {
        Debug.Assert(type is Opcode.Text or Opcode.Binary);
        if (payload.IsEmpty)
            return null;
        using var compressed = new PooledOutputStream(payload.Length / 2 + 64);
        var length = Compress(payload, compressed);
        if (length >= payload.Length)
            return null;
        var frame = new byte[FrameEncoder.HeaderSize(length) + length];
        var headerSize = FrameEncoder.WriteHeader(frame, type, fin: true, length, compressed: true);
        compressed.Written[..length].CopyTo(frame.AsSpan(headerSize));
        return frame;
    }

    /// <summary>The compressed bytes of <paramref name="payload"/>, as they go on the wire (tail removed).</summary>
    internal static byte[] CompressPayload(ReadOnlySpan<byte> payload)
    {
        using var compressed = new PooledOutputStream(payload.Length / 2 + 64);
        var length = Compress(payload, compressed);
        return compressed.Written[..length].ToArray();
    }

    /// <summary>Writes the compressed message into <paramref name="output"/>; returns its length without the flush tail.</summary>
    private static int Compress(ReadOnlySpan<byte> payload, PooledOutputStream output)
    {
        if (payload.IsEmpty)
        {
            // DeflateStream writes nothing for no input; the empty message is an empty stored block less its tail.
            output.WriteByte(0x00);
            return 1;
        }
        int length;
        using (var deflate = new DeflateStream(output, Options, leaveOpen: true))
        {
            deflate.Write(payload);
            // DeflateStream.Flush is zlib's Z_SYNC_FLUSH: all input out, then the empty stored block.
            deflate.Flush();
            Debug.Assert(output.Written.EndsWith(FlushTail), "a sync flush ends with an empty stored block");
            length = output.Written.Length - FlushTail.Length;
        }
        // Disposing the stream appended a final block after the tail; it is not part of the message.
        return length;
    }
}
