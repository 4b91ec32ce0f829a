namespace GwSocket.Actors.Routing;

/// <summary>How a node's router takes part in the cluster.</summary>
/// <param name="NodeName">This node's name in logs and on the status page.</param>
/// <param name="ClusterEvents">Publish the client events of every node to this node's subscribers (--events=cluster), not only its own.</param>
/// <param name="MaxBatchBytes">A batch for another node is sent once it holds this much, without waiting for the mailbox to drain.</param>
public sealed record RouterSettings(string NodeName, bool ClusterEvents, int MaxBatchBytes = 256 * 1024)
{
    public static readonly RouterSettings Default = new(Environment.MachineName, ClusterEvents: true);
}
