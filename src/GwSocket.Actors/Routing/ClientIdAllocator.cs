namespace GwSocket.Actors.Routing;

/// <summary>
/// Hands out client ids on one node: never 0 (0 addresses everyone), never one that is still live,
/// and not reused until the uint32 space has wrapped, so a late record for a gone client cannot reach a newcomer.
/// </summary>
public sealed class ClientIdAllocator
{
    private readonly HashSet<uint> _live = [];
    private uint _last;

    public int LiveCount => _live.Count;

    public uint Allocate()
    {
        if (_live.Count == int.MaxValue)
            throw new InvalidOperationException("no client id left");
        do
        {
            _last = unchecked(_last + 1);
        }
        while (_last == 0 || _live.Contains(_last));
        _live.Add(_last);
        return _last;
    }

    public void Release(uint id) => _live.Remove(id);
}
