namespace GwSocket.Actors.Telemetry;

/// <summary>
/// The latest <see cref="ClusterStats"/> of this node, written by <see cref="StatsGossip"/> and read without
/// asking any actor by whoever serves them: the metrics instruments, the status page, readiness; and the last
/// three minutes of every node's stats, which a status page starts its charts with.
/// </summary>
public sealed class StatsBoard
{
    /// <summary>Stats kept per node: three minutes at the collectors' one stats a second.</summary>
    public const int HistoryLength = 180;

    private volatile ClusterStats _current = ClusterStats.Empty;

    public ClusterStats Current => _current;

    public StatsHistory History { get; } = new(HistoryLength);

    public void Publish(ClusterStats stats) => _current = stats;
}
