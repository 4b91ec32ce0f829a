namespace GwSocket.Actors.Routing;

/// <summary>
/// How a client id names its node: the high <see cref="SlotBits"/> bits are the node's slot, the
/// low <see cref="CounterBits"/> a counter on that node. Any node can tell from an id alone which
/// node owns the client, so a unicast goes there in one hop.
/// </summary>
internal static class ClientIdLayout
{
    public const int SlotBits = 10;
    public const int CounterBits = 32 - SlotBits;
    public const uint SlotCount = 1u << SlotBits;
    public const uint MaxCounter = (1u << CounterBits) - 1;

    public static uint SlotOf(uint clientId) => clientId >> CounterBits;

    public static uint Compose(uint slot, uint counter) => (slot << CounterBits) | counter;

    /// <summary>
    /// A node's slot from its cluster up-number, which the cluster leader assigns uniquely among
    /// current members: the first node is slot 0, so a single node numbers clients 1, 2, 3...
    /// </summary>
    public static uint SlotForUpNumber(int upNumber) => (uint)(Math.Max(upNumber, 1) - 1) % SlotCount;
}
