using System.IO.Compression;

namespace GwSocket.Protocol.Compression;

/// <summary>
/// Inflates one compressed message (RFC 7692 section 7.2.2) as its bytes arrive: compressed bytes are supplied
/// piece by piece and the output is pulled into the caller's buffer, so the caller bounds how much is ever
/// inflated. One instance per message: nothing is kept between messages (the client has no context takeover).
/// </summary>
internal sealed class MessageInflater : IDisposable
{
    private readonly SuppliedInput _input = new();
    private readonly DeflateStream _deflate;

    public MessageInflater() => _deflate = new DeflateStream(_input, CompressionMode.Decompress);

    /// <summary>What a sender removed from the end of the message (7.2.1) and the receiver appends (7.2.2).</summary>
    public static ReadOnlyMemory<byte> Tail { get; } = new byte[] { 0x00, 0x00, 0xFF, 0xFF };

    /// <summary>Hands over the next compressed bytes; the previous ones must have been inflated (<see cref="Inflate"/> returned 0).</summary>
    public void Supply(ReadOnlyMemory<byte> compressed) => _input.Set(compressed);

    /// <summary>
    /// Inflates into <paramref name="output"/>; 0 once everything supplied is inflated (or the deflate stream
    /// ended with a final block). Throws <see cref="InvalidDataException"/> for data that is not deflate.
    /// </summary>
    public int Inflate(Span<byte> output) => _deflate.Read(output);

    public void Dispose() => _deflate.Dispose();

    /// <summary>The deflate stream's source: the bytes supplied so far, then "nothing yet" (0) until more come.</summary>
    private sealed class SuppliedInput : Stream
    {
        private ReadOnlyMemory<byte> _pending;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public void Set(ReadOnlyMemory<byte> bytes) => _pending = bytes;

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(buffer.Length, _pending.Length);
            _pending.Span[..count].CopyTo(buffer);
            _pending = _pending[count..];
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
