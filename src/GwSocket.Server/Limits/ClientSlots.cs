namespace GwSocket.Server.Limits;

/// <summary>--max-connections: WebSocket clients served at once; 0 means no cap of its own.</summary>
internal sealed class ClientSlots(int maxConnections)
{
    private int _taken;

    public int Taken => Volatile.Read(ref _taken);

    public bool TryTake()
    {
        if (maxConnections == 0)
        {
            Interlocked.Increment(ref _taken);
            return true;
        }
        if (Interlocked.Increment(ref _taken) <= maxConnections)
            return true;
        Interlocked.Decrement(ref _taken);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _taken);
}
