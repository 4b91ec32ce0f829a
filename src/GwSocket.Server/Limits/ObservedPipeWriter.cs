using System.IO.Pipelines;

namespace GwSocket.Server.Limits;

/// <summary>Passes writes through, showing the start of a response Kestrel writes itself to the trace.</summary>
internal sealed class ObservedPipeWriter(PipeWriter inner, HandshakeTrace trace) : PipeWriter
{
    private Memory<byte> _lastBuffer;

    public override Memory<byte> GetMemory(int sizeHint = 0) => _lastBuffer = inner.GetMemory(sizeHint);

    // The span is taken from the memory so that Advance can see what was written into it.
    public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public override void Advance(int bytes)
    {
        if (trace.Observing)
            trace.SawResponse(_lastBuffer.Span[..bytes]);
        inner.Advance(bytes);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;
}
