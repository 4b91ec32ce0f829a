using GwSocket.Actors.Routing;

namespace GwSocket.Actors.Tests.Routing;

public sealed class ClientIdAllocatorTests
{
    [Fact]
    public void First_id_of_slot_0_is_1()
    {
        Assert.Equal(1u, new ClientIdAllocator(slot: 0).Allocate());
    }

    [Fact]
    public void Ids_carry_the_node_slot_in_their_high_bits()
    {
        var id = new ClientIdAllocator(slot: 5).Allocate();

        Assert.Equal(5u, ClientIdLayout.SlotOf(id));
        Assert.Equal((5u << ClientIdLayout.CounterBits) | 1u, id);
    }

    [Fact]
    public void Ids_are_distinct_and_counted_while_live()
    {
        var allocator = new ClientIdAllocator(slot: 0);

        var ids = Enumerable.Range(0, 1000).Select(_ => allocator.Allocate()).ToList();

        Assert.Equal(1000, ids.Distinct().Count());
        Assert.DoesNotContain(0u, ids);
        Assert.Equal(1000, allocator.LiveCount);
    }

    [Fact]
    public void Released_id_is_not_reused_before_the_counter_wraps()
    {
        var allocator = new ClientIdAllocator(slot: 0);
        var first = allocator.Allocate();

        allocator.Release(first);

        Assert.NotEqual(first, allocator.Allocate());
        Assert.Equal(1, allocator.LiveCount);
    }

    [Fact]
    public void Wrapping_skips_counter_0_so_slot_0_never_yields_id_0()
    {
        var allocator = new ClientIdAllocator(slot: 0, lastCounter: ClientIdLayout.MaxCounter - 1, liveIds: []);

        Assert.Equal(ClientIdLayout.MaxCounter, allocator.Allocate());
        Assert.Equal(1u, allocator.Allocate());
    }

    [Fact]
    public void Wrapping_skips_ids_that_are_still_live()
    {
        var live = new[] { ClientIdLayout.Compose(3, 1), ClientIdLayout.Compose(3, 3) };
        var allocator = new ClientIdAllocator(slot: 3, lastCounter: ClientIdLayout.MaxCounter, liveIds: live);

        Assert.Equal(ClientIdLayout.Compose(3, 2), allocator.Allocate());
        Assert.Equal(ClientIdLayout.Compose(3, 4), allocator.Allocate());
    }

    [Theory]
    [InlineData(1, 0u)]
    [InlineData(2, 1u)]
    [InlineData(1024, 1023u)]
    [InlineData(1025, 0u)]
    public void Slot_follows_the_cluster_up_number(int upNumber, uint slot)
    {
        Assert.Equal(slot, ClientIdLayout.SlotForUpNumber(upNumber));
    }
}
