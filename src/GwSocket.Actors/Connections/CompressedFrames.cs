using System.Runtime.CompilerServices;
using GwSocket.Protocol;
using GwSocket.Protocol.Compression;

namespace GwSocket.Actors.Connections;

/// <summary>
/// The permessage-deflate form of the server's data frames, made at most once per frame for the whole node.
/// A frame from pipe-in is one immutable array shared by all its recipients on this node (encode once, send many),
/// so the first connection that negotiated compression and sends it compresses it, under that frame's own entry,
/// and every other such connection gets the same compressed array. Entries are weak: one lives as long as its frame.
/// Compressed without context takeover, the bytes suit every client whatever it negotiated, within its window.
/// </summary>
internal static class CompressedFrames
{
    private static readonly ConditionalWeakTable<byte[], Entry> Entries = new();

    /// <summary>
    /// What to send a client that negotiated <paramref name="deflate"/> instead of <paramref name="frame"/>:
    /// the shared compressed frame, or <paramref name="frame"/> itself when it is not a whole data message, is
    /// shorter than <paramref name="minPayload"/>, does not shrink, or exceeds the client's window.
    /// </summary>
    public static byte[] For(byte[] frame, PerMessageDeflate deflate, int minPayload)
    {
        if (!IsWholeDataMessage(frame, out var headerSize, out var payloadLength)
            || payloadLength < minPayload
            || !deflate.AcceptsCompressed(payloadLength))
            return frame;
        return Entries.GetValue(frame, static _ => new Entry()).Compressed(frame, headerSize) ?? frame;
    }

    /// <summary>An unmasked final text or binary frame with RSV clear, as the server encodes a message.</summary>
    private static bool IsWholeDataMessage(byte[] frame, out int headerSize, out long payloadLength)
    {
        headerSize = 0;
        payloadLength = 0;
        if (frame.Length < 2 || (frame[0] & 0xF0) != 0x80 || (Opcode)(frame[0] & 0x0F) is not (Opcode.Text or Opcode.Binary) || (frame[1] & 0x80) != 0)
            return false;
        headerSize = (frame[1] & 0x7F) switch { 126 => 4, 127 => 10, _ => 2 };
        payloadLength = frame.Length - headerSize;
        return true;
    }

    private sealed class Entry
    {
        private readonly Lock _gate = new();
        private bool _done;
        private byte[]? _compressed;

        /// <summary>The compressed frame, or null when compressing does not shrink the message; computed by the first caller.</summary>
        public byte[]? Compressed(byte[] frame, int headerSize)
        {
            if (Volatile.Read(ref _done))
                return _compressed;
            lock (_gate)
            {
                if (!_done)
                {
                    _compressed = MessageCompressor.EncodeFrame((Opcode)(frame[0] & 0x0F), frame.AsSpan(headerSize));
                    Volatile.Write(ref _done, true);
                }
                return _compressed;
            }
        }
    }
}
