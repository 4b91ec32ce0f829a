using GwSocket.Protocol;
using GwSocket.Protocol.Compression;

namespace GwSocket.Actors.Connections;

/// <summary>
/// permessage-deflate on the way out. The connection keeps only what the handshake agreed (no deflate state):
/// shared frames are compressed once per node (<see cref="CompressedFrames"/>), an echo once for its sender.
/// Inflating what the client sends is the reader's job, and lasts one message.
/// </summary>
internal sealed partial class ConnectionActor
{
    private readonly PerMessageDeflate? _deflate;

    /// <summary>The frame this client gets for <paramref name="frame"/>: its compressed form when that is what to send.</summary>
    private byte[] ForThisClient(byte[] frame) =>
        _deflate is null ? frame : CompressedFrames.For(frame, _deflate, _settings.CompressionMinSize);

    /// <summary>An echo is this client's alone: compressed directly, not through the node's shared frames.</summary>
    private byte[] EchoFrame(Opcode type, ReadOnlySpan<byte> payload)
    {
        if (_deflate is not null && payload.Length >= _settings.CompressionMinSize && _deflate.AcceptsCompressed(payload.Length)
            && MessageCompressor.EncodeFrame(type, payload) is { } compressed)
        {
            _tally.CompressedOut(FrameEncoder.HeaderSize(payload.Length) + payload.Length, compressed.Length);
            return compressed;
        }
        return FrameEncoder.Encode(type, payload);
    }
}
