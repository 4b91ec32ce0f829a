namespace GwSocket.Actors.Telemetry;

/// <summary>
/// The latest <see cref="ClusterStats"/> of this node, written by <see cref="StatsGossip"/> and read without
/// asking any actor by whoever serves them: the metrics instruments, the status page, readiness.
/// </summary>
public sealed class StatsBoard
{
    private volatile ClusterStats _current = ClusterStats.Empty;

    public ClusterStats Current => _current;

    public void Publish(ClusterStats stats) => _current = stats;
}
