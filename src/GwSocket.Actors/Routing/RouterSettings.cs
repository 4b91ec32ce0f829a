using Akka.Configuration;

namespace GwSocket.Actors.Routing;

/// <summary>How a node's router takes part in the cluster and holds pipe-in back for its clients: <c>gwsocket.router</c> in reference.conf.</summary>
/// <param name="NodeName">This node's name in logs and on the status page.</param>
/// <param name="ClusterEvents">Publish the client events of every node to this node's subscribers (events = cluster), not only its own.</param>
/// <param name="MaxBatchBytes">A batch for another node is sent once it holds this much, without waiting for the mailbox to drain.</param>
/// <param name="MaxQueuedBytes">Bytes a client that keeps up may have waiting: a batch goes out when every such client has room for it.</param>
/// <param name="MaxDelay">A client whose oldest queued message waited longer holds pipe-in back no longer: the slow-client policy applies to it.</param>
public sealed record RouterSettings(string NodeName, bool ClusterEvents, int MaxBatchBytes, long MaxQueuedBytes, TimeSpan MaxDelay)
{
    /// <summary>The defaults of reference.conf.</summary>
    public static RouterSettings Default { get; } = Create(GwSocketBroker.DefaultConfig().GetConfig("gwsocket"));

    /// <summary>
    /// The settings under <c>router</c> of a <c>gwsocket</c> block, with the client queue bound and delay of its
    /// <c>connections.slow-clients</c>, which the router's flow control keeps to.
    /// </summary>
    public static RouterSettings Create(Config gwsocket)
    {
        var router = gwsocket.GetConfig("router")
            ?? throw new ConfigurationException("gwsocket.router is missing: GwSocket.Actors' reference.conf is not in the fallback chain");
        var nodeName = router.GetString("node-name");
        return new(
            string.IsNullOrEmpty(nodeName) ? Environment.MachineName : nodeName,
            ParseEvents(router.GetString("events")),
            (int)(router.GetByteSize("max-batch-bytes") ?? throw new ConfigurationException("gwsocket.router.max-batch-bytes is missing")),
            gwsocket.GetByteSize("connections.slow-clients.max-queued-bytes") ?? throw new ConfigurationException("gwsocket.connections.slow-clients.max-queued-bytes is missing"),
            gwsocket.GetTimeSpan("connections.slow-clients.max-delay"));
    }

    /// <summary>
    /// Bytes of frames another node may have received from this one and not yet handed to its clients before pipe-in
    /// waits for it: a quarter of a client's queue bound, so that what waits on a node for its clients (from two
    /// other producing nodes and its own pipe-in) still fits into one client's queue.
    /// </summary>
    public long PeerWindowBytes => Math.Max(MaxQueuedBytes / 4, 1);

    private static bool ParseEvents(string value) => value switch
    {
        "cluster" => true,
        "local" => false,
        _ => throw new ConfigurationException($"gwsocket.router.events must be cluster or local, not '{value}'"),
    };
}
