namespace GwSocket.Actors.Routing;

/// <summary>
/// A connection's report to the router: <paramref name="Received"/> credit of the frames received from it in all,
/// <paramref name="Queued"/> credit of those waiting in its queue now (bytes as the router sent them, each message at
/// least <see cref="Protocol.Flow.ClientCredit.MinMessageCredit"/>), as they were at <paramref name="At"/> (the
/// router's monotonic clock in ms: the connection runs in the router's process). Sent every sixteenth of the queue bound
/// written, when the router asked and the queue is empty, and when a slow client has caught up.
/// </summary>
internal sealed record DeliveryProgress(uint ClientId, long Received, long Queued, long At);

/// <summary>The router holds a batch for this connection: report <see cref="DeliveryProgress"/> as soon as the queue is empty.</summary>
internal sealed class ReportWhenDrained
{
    public static readonly ReportWhenDrained Instance = new();

    private ReportWhenDrained()
    {
    }
}

/// <summary>The connection's oldest queued message waited longer than the delay limit: the slow-client policy applies to it.</summary>
internal sealed class ClientTooSlow
{
    public static readonly ClientTooSlow Instance = new();

    private ClientTooSlow()
    {
    }
}
