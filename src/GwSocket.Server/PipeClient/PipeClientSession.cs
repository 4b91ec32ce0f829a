namespace GwSocket.Server.PipeClient;

/// <summary>One connection's acknowledgements (<c>ack=1</c>): the payload bytes sent on it, and those the node said it has handed on.</summary>
internal sealed class PipeClientSession : IDisposable
{
    private readonly SemaphoreSlim _acknowledged = new(0);
    private long _acked;

    public long Sent { get; private set; }

    public long Acked => Interlocked.Read(ref _acked);

    public bool AllAcknowledged => Acked >= Sent;

    public void OnSent(int bytes) => Sent += bytes;

    /// <summary>From the receiving side: the node has handed on <paramref name="total"/> bytes of this connection's messages.</summary>
    public void OnAcknowledged(long total)
    {
        Interlocked.Exchange(ref _acked, total);
        _acknowledged.Release();
    }

    public async Task WaitUntilAllAcknowledgedAsync(CancellationToken cancellation)
    {
        while (!AllAcknowledged)
            await _acknowledged.WaitAsync(cancellation);
    }

    public void Dispose() => _acknowledged.Dispose();
}
