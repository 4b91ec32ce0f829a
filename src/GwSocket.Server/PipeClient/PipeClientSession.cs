namespace GwSocket.Server.PipeClient;

/// <summary>
/// One connection's acknowledgements (<c>ack=1</c>): the payload bytes sent on it, those the node said it has taken,
/// and the last message sent, the only one ever waiting for its acknowledgement.
/// </summary>
internal sealed class PipeClientSession : IDisposable
{
    private readonly SemaphoreSlim _acknowledged = new(0);
    private long _acked;

    public long Sent { get; private set; }

    public long Acked => Interlocked.Read(ref _acked);

    /// <summary>Records (with --strict) and bytes of the last message sent.</summary>
    public (int Records, int Bytes) LastMessage { get; private set; }

    public bool AllAcknowledged => Acked >= Sent;

    public void OnSent(int bytes, int records)
    {
        Sent += bytes;
        LastMessage = (records, bytes);
    }

    /// <summary>From the receiving side: the node has taken <paramref name="total"/> bytes of this connection's messages.</summary>
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
