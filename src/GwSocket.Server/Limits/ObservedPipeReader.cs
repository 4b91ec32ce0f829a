using System.IO.Pipelines;

namespace GwSocket.Server.Limits;

/// <summary>Passes reads through, showing the buffered request to the trace until the handler has it.</summary>
internal sealed class ObservedPipeReader(PipeReader inner, HandshakeTrace trace) : PipeReader
{
    // Once the handler has the request, reads go straight through: an idle WebSocket keeps no state machine of ours pending.
    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
        trace.Observing ? ObservedReadAsync(cancellationToken) : inner.ReadAsync(cancellationToken);

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
            return false;
        Observe(result);
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    private async ValueTask<ReadResult> ObservedReadAsync(CancellationToken cancellationToken)
    {
        var result = await inner.ReadAsync(cancellationToken);
        Observe(result);
        return result;
    }

    private void Observe(in ReadResult result)
    {
        if (trace.Observing)
            trace.SawRequest(result.Buffer);
    }
}
