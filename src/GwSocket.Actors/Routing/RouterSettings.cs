namespace GwSocket.Actors.Routing;

/// <summary>How a node's router takes part in the cluster and holds pipe-in back for its clients.</summary>
/// <param name="NodeName">This node's name in logs and on the status page.</param>
/// <param name="ClusterEvents">Publish the client events of every node to this node's subscribers (--events=cluster), not only its own.</param>
/// <param name="MaxBatchBytes">A batch for another node is sent once it holds this much, without waiting for the mailbox to drain.</param>
public sealed record RouterSettings(string NodeName, bool ClusterEvents, int MaxBatchBytes = 256 * 1024)
{
    /// <summary>The documented default of <c>slow-clients.max-delay</c>.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(5);

    public static readonly RouterSettings Default = new(Environment.MachineName, ClusterEvents: true);

    /// <summary>Bytes a client that keeps up may have waiting: a batch goes out when every such client has room for it.</summary>
    public long MaxQueuedBytes { get; init; } = Connections.ConnectionSettings.DefaultMaxQueuedBytes;

    /// <summary>A client whose oldest queued message waited longer holds pipe-in back no longer: the slow-client policy applies to it.</summary>
    public TimeSpan MaxDelay { get; init; } = DefaultMaxDelay;

    /// <summary>
    /// Bytes of frames another node may have received from this one and not yet handed to its clients before pipe-in
    /// waits for it: a quarter of a client's queue bound, so that what waits on a node for its clients (from two
    /// other producing nodes and its own pipe-in) still fits into one client's queue.
    /// </summary>
    public long PeerWindowBytes => Math.Max(MaxQueuedBytes / 4, 1);
}
