using Akka.Actor;
using Akka.Cluster;

namespace GwSocket.Actors.Telemetry;

/// <summary>
/// One per node, at <c>/user/stats-gossip</c>: sends this node's <see cref="NodeStats"/> to the stats gossip of
/// every other member, keeps the latest stats each member sent, and publishes the whole picture on the
/// <see cref="StatsBoard"/>, with each node's recent stats in its history. Once a second per node, so plain
/// ActorSelection, no registry; a member that leaves the cluster leaves the picture and the history.
/// When it throws (another node's stats it cannot take), its parent restarts it (logged with the stack): what it held
/// is the latest stats of each node, which every node sends again within a second, and the history on the board.
/// </summary>
public sealed class StatsGossip : ReceiveActor
{
    public const string Name = "stats-gossip";

    private static readonly HashSet<MemberStatus> Listening = [MemberStatus.Up, MemberStatus.WeaklyUp, MemberStatus.Leaving];

    private readonly StatsBoard _board;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly string _selfAddress;
    private readonly Dictionary<string, NodeStats> _nodes = [];

    public StatsGossip(StatsBoard board)
    {
        _board = board;
        _selfAddress = _cluster.SelfAddress.ToString();
        Receive<NodeStats>(OnStats);
    }

    public static Props Props(StatsBoard board) => Akka.Actor.Props.Create(() => new StatsGossip(board));

    private void OnStats(NodeStats stats)
    {
        _nodes[stats.Address] = stats;
        _board.History.Record(stats);
        if (stats.Address == _selfAddress)
            SendToPeers(stats);
        PublishPicture();
    }

    private void SendToPeers(NodeStats stats)
    {
        foreach (var member in _cluster.State.Members)
        {
            if (Listening.Contains(member.Status) && !member.Address.Equals(_cluster.SelfAddress))
                Context.ActorSelection(new RootActorPath(member.Address) / "user" / Name).Tell(stats);
        }
    }

    private void PublishPicture()
    {
        var state = _cluster.State;
        var members = state.Members
            .Select(member => new MemberView(member.Address.ToString(), member.Status.ToString(), !state.Unreachable.Contains(member)))
            .ToList();
        var current = members.Select(member => member.Address).ToHashSet();
        var gone = _nodes.Keys.Where(address => !current.Contains(address) && address != _selfAddress).ToList();
        if (gone.Count > 0)
        {
            foreach (var address in gone)
                _nodes.Remove(address);
            _board.History.Retain(_nodes.Keys.ToHashSet());
        }
        var nodes = _nodes.Values.OrderBy(node => node.NodeName, StringComparer.Ordinal).ThenBy(node => node.Address, StringComparer.Ordinal).ToList();
        _board.Publish(new ClusterStats(_selfAddress, members, nodes));
    }
}
