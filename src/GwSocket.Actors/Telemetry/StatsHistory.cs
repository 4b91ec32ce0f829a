using System.Diagnostics;

namespace GwSocket.Actors.Telemetry;

/// <summary>
/// The last <see cref="Capacity"/> stats of every node this node hears from, oldest first: a bounded ring per node,
/// written by <see cref="StatsGossip"/> as stats arrive (once a second per node) and copied by a status page when it
/// opens, so that its charts start with the past minutes instead of an empty screen. Holds the stats records the
/// gossip receives anyway; nothing is copied until a page asks.
/// </summary>
public sealed class StatsHistory(int capacity)
{
    private readonly Dictionary<string, Ring> _nodes = [];
    private readonly Lock _lock = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public void Record(NodeStats stats)
    {
        lock (_lock)
        {
            if (!_nodes.TryGetValue(stats.Address, out var ring))
                _nodes[stats.Address] = ring = new Ring(Capacity);
            ring.Add(stats);
        }
    }

    /// <summary>Forgets every node whose address is not in <paramref name="kept"/>.</summary>
    public void Retain(IReadOnlySet<string> kept)
    {
        lock (_lock)
        {
            foreach (var address in _nodes.Keys.Where(address => !kept.Contains(address)).ToList())
                _nodes.Remove(address);
        }
    }

    /// <summary>Each node's stats, oldest first, nodes in the order of their names.</summary>
    public IReadOnlyList<IReadOnlyList<NodeStats>> Snapshot()
    {
        lock (_lock)
        {
            return _nodes.Values
                .Select(ring => ring.ToList())
                .Where(series => series.Count > 0)
                .OrderBy(series => series[^1].NodeName, StringComparer.Ordinal)
                .ThenBy(series => series[^1].Address, StringComparer.Ordinal)
                .ToList();
        }
    }

    private sealed class Ring(int capacity)
    {
        private readonly NodeStats[] _items = new NodeStats[capacity];
        private int _next;
        private int _count;

        public void Add(NodeStats stats)
        {
            _items[_next] = stats;
            _next = (_next + 1) % _items.Length;
            _count = Math.Min(_count + 1, _items.Length);
            Debug.Assert(_count <= _items.Length);
        }

        public IReadOnlyList<NodeStats> ToList()
        {
            var list = new NodeStats[_count];
            var first = (_next - _count + _items.Length) % _items.Length;
            for (var i = 0; i < _count; i++)
                list[i] = _items[(first + i) % _items.Length];
            return list;
        }
    }
}
