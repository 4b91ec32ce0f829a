namespace GwSocket.Actors.Routing;

/// <summary>
/// Hands out the client ids of one node, all within its slot (see <see cref="ClientIdLayout"/>):
/// never 0 (0 addresses everyone), never one that is still live, and not reused until the
/// node's counter has wrapped, so a late record for a gone client cannot reach a newcomer.
/// </summary>
internal sealed class ClientIdAllocator
{
    private readonly HashSet<uint> _live = [];
    private readonly uint _slot;
    private uint _counter;

    public ClientIdAllocator(uint slot)
        : this(slot, lastCounter: 0, liveIds: [])
    {
    }

    /// <summary>Starts as if <paramref name="lastCounter"/> ids had been handed out and <paramref name="liveIds"/> were still in use.</summary>
    internal ClientIdAllocator(uint slot, uint lastCounter, IEnumerable<uint> liveIds)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, ClientIdLayout.SlotCount);
        _slot = slot;
        _counter = lastCounter;
        _live.UnionWith(liveIds);
    }

    public int LiveCount => _live.Count;

    public uint Slot => _slot;

    public uint Allocate()
    {
        if (_live.Count == ClientIdLayout.MaxCounter)
            throw new InvalidOperationException($"no client id left on slot {_slot}");
        uint id;
        do
        {
            _counter = _counter == ClientIdLayout.MaxCounter ? 1 : _counter + 1;
            id = ClientIdLayout.Compose(_slot, _counter);
        }
        while (_live.Contains(id));
        _live.Add(id);
        return id;
    }

    public void Release(uint id) => _live.Remove(id);
}
