using GwSocket.Server.Configuration;

namespace GwSocket.Server.Tests.Cluster;

/// <summary>
/// The cluster settings of a <see cref="GwSocketSettings"/> as one comparable value, so that every test
/// also checks the settings it did not give (seeds compare by content and order).
/// </summary>
internal sealed record ClusterView(string? ClusterHost, int ClusterPort, string Seeds, string NodeName, bool ClusterEvents)
{
    /// <summary>What the embedded hocon/gwsocket.conf gives: a cluster of one on any port, every node's events.</summary>
    public static ClusterView Defaults { get; } = new(null, 0, "", Environment.MachineName, true);

    public static ClusterView Of(GwSocketSettings settings) => new(
        settings.ClusterHost, settings.ClusterPort, string.Join(",", settings.Seeds), settings.NodeName, settings.ClusterEvents);
}
