using System.Text.Json.Serialization;

namespace GwSocket.Actors.Telemetry;

/// <summary>The cluster as one node sees it: every member with its state, and the latest stats each node sent.</summary>
public sealed record ClusterStats(string SelfAddress, IReadOnlyList<MemberView> Members, IReadOnlyList<NodeStats> Nodes)
{
    public static readonly ClusterStats Empty = new("", [], []);

    [JsonIgnore]
    public NodeStats? Self => Nodes.FirstOrDefault(node => node.Address == SelfAddress);
}

/// <summary>A cluster member: its address, Akka's member status (Joining, Up, Leaving...), and whether this node can reach it.</summary>
public sealed record MemberView(string Address, string Status, bool Reachable);
