using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace GwSocket.Server.Upgrade;

/// <summary>
/// An upgrade that came through Kestrel's HTTP stack (behind an earlier request on a keep-alive connection) as the
/// pipes a ConnectionActor or a network pipe reads and writes. Kestrel sends the 101 when the request is upgraded,
/// and that happens at the first flush: as below HTTP, where the listener's 101 waits unflushed in the transport, the
/// 101 goes out once the connection is registered. Reads wait for the upgrade; nothing is written before it.
/// </summary>
internal sealed class HttpUpgradeTransport : IDuplexPipe
{
    private readonly IHttpUpgradeFeature _upgrade;
    private readonly TaskCompletionSource<StreamTransport> _upgraded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _upgradeStarted;

    /// <param name="upgrade">The request's upgrade, with the 101's headers already set on the response.</param>
    public HttpUpgradeTransport(IHttpUpgradeFeature upgrade)
    {
        _upgrade = upgrade;
        Input = new Reader(this);
        Output = new Writer(this);
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>False while Kestrel has not been asked to send the 101.</summary>
    public bool UpgradeStarted => Volatile.Read(ref _upgradeStarted) != 0;

    private StreamTransport? Upgraded => _upgraded.Task.IsCompletedSuccessfully ? _upgraded.Task.Result : null;

    private async ValueTask<FlushResult> UpgradeAsync()
    {
        if (Interlocked.Exchange(ref _upgradeStarted, 1) == 0)
        {
            try
            {
                _upgraded.SetResult(new StreamTransport(await _upgrade.UpgradeAsync()));
            }
            catch (Exception e)
            {
                _upgraded.SetException(e);
                throw;
            }
        }
        await _upgraded.Task;
        return new FlushResult(isCanceled: false, isCompleted: false);
    }

    private sealed class Writer(HttpUpgradeTransport transport) : PipeWriter
    {
        private PipeWriter Inner => transport.Upgraded?.Output ?? throw new InvalidOperationException("Nothing is written before the 101 is flushed.");

        // Before the upgrade, the 101 is what the transport holds unflushed.
        public override bool CanGetUnflushedBytes => transport.Upgraded is { } upgraded && upgraded.Output.CanGetUnflushedBytes;

        public override long UnflushedBytes => Inner.UnflushedBytes;

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
            transport.Upgraded is { } upgraded ? upgraded.Output.FlushAsync(cancellationToken) : transport.UpgradeAsync();

        public override void Advance(int bytes) => Inner.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => Inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => Inner.GetSpan(sizeHint);

        public override void CancelPendingFlush() => transport.Upgraded?.Output.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => transport.Upgraded?.Output.Complete(exception);
    }

    private sealed class Reader(HttpUpgradeTransport transport) : PipeReader
    {
        private PipeReader Inner => transport.Upgraded?.Input ?? throw new InvalidOperationException("Nothing is read before the 101 is flushed.");

        public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
            transport.Upgraded is { } upgraded ? upgraded.Input.ReadAsync(cancellationToken) : ReadAfterUpgradeAsync(cancellationToken);

        public override bool TryRead(out ReadResult result)
        {
            result = default;
            return transport.Upgraded is { } upgraded && upgraded.Input.TryRead(out result);
        }

        public override void AdvanceTo(SequencePosition consumed) => Inner.AdvanceTo(consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => Inner.AdvanceTo(consumed, examined);

        public override void CancelPendingRead() => transport.Upgraded?.Input.CancelPendingRead();

        public override void Complete(Exception? exception = null) => transport.Upgraded?.Input.Complete(exception);

        private async ValueTask<ReadResult> ReadAfterUpgradeAsync(CancellationToken cancellationToken)
        {
            var upgraded = await transport._upgraded.Task.WaitAsync(cancellationToken);
            return await upgraded.Input.ReadAsync(cancellationToken);
        }
    }
}
