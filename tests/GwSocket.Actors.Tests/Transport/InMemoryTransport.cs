using System.Buffers;
using System.IO.Pipelines;

namespace GwSocket.Actors.Tests.Transport;

/// <summary>
/// The connection's socket, in memory, as the pipes Kestrel hands over. The test plays the client: it pushes client
/// bytes with <see cref="SendAsync"/> and reads what the server wrote from <see cref="FromServer"/>. What the server
/// flushes is recorded flush by flush (one flush is one send), so write coalescing can be asserted, and flushes can
/// be held incomplete until the test releases them.
/// </summary>
internal sealed class InMemoryTransport : IDuplexPipe, IDisposable
{
    // A pause threshold of 0 means the server's writes never wait for the test to read them.
    private static readonly PipeOptions Unbounded = new(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false);

    private readonly Pipe _fromClient = new(Unbounded);
    private readonly Pipe _toClient = new(Unbounded);
    private readonly RecordingWriter _output;

    /// <param name="maxReadSize">Most bytes one read hands the server, to cut the client's stream into small reads.</param>
    public InMemoryTransport(int maxReadSize = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxReadSize);
        Input = new SlicingReader(_fromClient.Reader, maxReadSize);
        _output = new RecordingWriter(_toClient.Writer);
    }

    public PipeReader Input { get; }

    public PipeWriter Output => _output;

    /// <summary>What the server wrote, as one byte stream.</summary>
    public PipeReader FromServer => _toClient.Reader;

    /// <summary>The bytes of every flush the server made, in order.</summary>
    public IReadOnlyList<byte[]> Writes => _output.Flushes;

    /// <summary>How many reads the server has completed with data.</summary>
    public int CompletedReads => ((SlicingReader)Input).ReadsWithData;

    /// <summary>Client bytes; they reach the server in as few reads as <c>maxReadSize</c> allows.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> bytes) => await _fromClient.Writer.WriteAsync(bytes);

    /// <summary>The client closes its side: the server's next read sees the end of the stream.</summary>
    public void SendEndOfStream() => _fromClient.Writer.Complete();

    /// <summary>Flushes started from now on are recorded but do not complete until <see cref="ReleaseWrites"/>.</summary>
    public void HoldWrites() => _output.Hold();

    public void ReleaseWrites() => _output.Release();

    public void Dispose()
    {
        ReleaseWrites();
        _fromClient.Writer.Complete();
        _toClient.Writer.Complete();
    }

    /// <summary>Hands the server at most <c>maxReadSize</c> bytes per read, as a socket may.</summary>
    private sealed class SlicingReader(PipeReader inner, int maxReadSize) : PipeReader
    {
        private int _readsWithData;

        public int ReadsWithData => Volatile.Read(ref _readsWithData);

        public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
            Slice(await inner.ReadAsync(cancellationToken));

        public override bool TryRead(out ReadResult result)
        {
            if (!inner.TryRead(out result))
                return false;
            result = Slice(result);
            return true;
        }

        public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

        public override void CancelPendingRead() => inner.CancelPendingRead();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        private ReadResult Slice(ReadResult result)
        {
            if (!result.Buffer.IsEmpty)
                Interlocked.Increment(ref _readsWithData);
            if (result.Buffer.Length <= maxReadSize)
                return result;
            // More is buffered than this read hands over: the stream has not ended for the reader yet.
            return new ReadResult(result.Buffer.Slice(0, maxReadSize), result.IsCanceled, isCompleted: false);
        }
    }

    /// <summary>Collects what the server writes and passes it on to the client at each flush, which it records.</summary>
    private sealed class RecordingWriter(PipeWriter toClient) : PipeWriter
    {
        private readonly ArrayBufferWriter<byte> _pending = new();
        private readonly object _lock = new();
        private readonly List<byte[]> _flushes = [];
        private TaskCompletionSource? _gate;

        public IReadOnlyList<byte[]> Flushes
        {
            get
            {
                lock (_lock)
                    return [.. _flushes];
            }
        }

        public void Hold()
        {
            lock (_lock)
                _gate ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public void Release()
        {
            TaskCompletionSource? gate;
            lock (_lock)
            {
                gate = _gate;
                _gate = null;
            }
            gate?.TrySetResult();
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => _pending.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => _pending.GetSpan(sizeHint);

        public override void Advance(int bytes) => _pending.Advance(bytes);

        // As Kestrel's transport: the actor flushes what the listener wrote before handing the connection over.
        public override bool CanGetUnflushedBytes => true;

        public override long UnflushedBytes => _pending.WrittenCount;

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            var bytes = _pending.WrittenSpan.ToArray();
            _pending.ResetWrittenCount();
            Task gate;
            lock (_lock)
            {
                _flushes.Add(bytes);
                gate = _gate?.Task ?? Task.CompletedTask;
            }
            return gate.IsCompleted ? PassOnAsync(bytes, cancellationToken) : HeldAsync(gate, bytes, cancellationToken);
        }

        public override void CancelPendingFlush() => toClient.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => toClient.Complete(exception);

        private ValueTask<FlushResult> PassOnAsync(byte[] bytes, CancellationToken cancellationToken) => toClient.WriteAsync(bytes, cancellationToken);

        private async ValueTask<FlushResult> HeldAsync(Task gate, byte[] bytes, CancellationToken cancellationToken)
        {
            await gate;
            return await toClient.WriteAsync(bytes, cancellationToken);
        }
    }
}
