namespace GwSocket.Bench;

/// <summary>
/// What one server process spent in a phase: CPU seconds, and context switches its threads made by going to sleep
/// (waiting for work or I/O, from <c>/proc/PID/task/*/status</c>): each is a later wake-up.
/// </summary>
internal sealed record NodeCost(string Node, double CpuSeconds, long Sleeps)
{
    public static NodeCost Read(ServerNode node) => new(node.Name, node.CpuSeconds(), ProcessStats.VoluntaryContextSwitches(node.Pid));

    public NodeCost Since(NodeCost before) => new(Node, CpuSeconds - before.CpuSeconds, Sleeps - before.Sleeps);

    /// <summary>The node's CPU per delivery of the whole phase (all nodes' deliveries) and its sleeps per second.</summary>
    public string Describe(long deliveries, double seconds) =>
        $"{Node} {(deliveries == 0 ? double.NaN : CpuSeconds * 1e6 / deliveries):0.00} µs, {Sleeps / seconds:0} sleeps/s";
}
