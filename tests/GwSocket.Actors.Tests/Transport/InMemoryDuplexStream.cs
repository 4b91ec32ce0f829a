using System.Buffers;
using System.IO.Pipelines;

namespace GwSocket.Actors.Tests.Transport;

/// <summary>
/// The connection's socket, in memory. The test plays the client: it pushes client bytes with
/// <see cref="SendAsync"/> and reads what the server wrote from <see cref="FromServer"/>. Every
/// <see cref="WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/> call is recorded, so write
/// coalescing can be asserted, and writes can be held incomplete until the test releases them.
/// </summary>
internal sealed class InMemoryDuplexStream : Stream
{
    // A pause threshold of 0 means the server's writes never wait for the test to read them.
    private static readonly PipeOptions Unbounded = new(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false);

    private readonly Pipe _fromClient = new(Unbounded);
    private readonly Pipe _toClient = new(Unbounded);
    private readonly int _maxReadSize;
    private readonly object _lock = new();
    private readonly List<byte[]> _writes = [];
    private TaskCompletionSource? _writeGate;
    private int _reads;

    /// <param name="maxReadSize">Most bytes one read hands the server, to cut the client's stream into small reads.</param>
    public InMemoryDuplexStream(int maxReadSize = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxReadSize);
        _maxReadSize = maxReadSize;
    }

    /// <summary>What the server wrote, as one byte stream.</summary>
    public PipeReader FromServer => _toClient.Reader;

    /// <summary>The bytes of every write call the server made, in order.</summary>
    public IReadOnlyList<byte[]> Writes
    {
        get
        {
            lock (_lock)
                return [.. _writes];
        }
    }

    /// <summary>How many reads the server has completed with data.</summary>
    public int CompletedReads => Volatile.Read(ref _reads);

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Client bytes; they reach the server in as few reads as <c>maxReadSize</c> allows.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> bytes) => await _fromClient.Writer.WriteAsync(bytes);

    /// <summary>The client closes its side: the server's next read returns 0.</summary>
    public void SendEndOfStream() => _fromClient.Writer.Complete();

    /// <summary>Writes started from now on are recorded but do not complete until <see cref="ReleaseWrites"/>.</summary>
    public void HoldWrites()
    {
        lock (_lock)
            _writeGate ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void ReleaseWrites()
    {
        TaskCompletionSource? gate;
        lock (_lock)
        {
            gate = _writeGate;
            _writeGate = null;
        }
        gate?.TrySetResult();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var result = await _fromClient.Reader.ReadAsync(cancellationToken);
        var available = result.Buffer;
        if (available.IsEmpty && result.IsCompleted)
        {
            _fromClient.Reader.AdvanceTo(available.End);
            return 0;
        }
        var count = (int)Math.Min(Math.Min(available.Length, buffer.Length), _maxReadSize);
        available.Slice(0, count).CopyTo(buffer.Span);
        _fromClient.Reader.AdvanceTo(available.GetPosition(count));
        // A zero-byte read only waits for bytes, as Kestrel's and SslStream's do; it reads nothing.
        if (!buffer.IsEmpty)
            Interlocked.Increment(ref _reads);
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Copy now: the caller may hand out a pooled buffer that is reused once the write completes.
        var bytes = buffer.ToArray();
        Task gate;
        lock (_lock)
        {
            _writes.Add(bytes);
            gate = _writeGate?.Task ?? Task.CompletedTask;
        }
        await gate;
        await _toClient.Writer.WriteAsync(bytes, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("the connection actor only reads asynchronously");

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("the connection actor only writes asynchronously");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReleaseWrites();
            _fromClient.Writer.Complete();
            _toClient.Writer.Complete();
        }
        base.Dispose(disposing);
    }
}
