using System.Reflection;
using GwSocket.Actors.Routing;

namespace GwSocket.Actors.Tests.Routing;

public sealed class ClientIdAllocatorTests
{
    /// <summary>
    /// Puts the allocator's cursor at <paramref name="last"/>, as if that many ids had been handed out:
    /// wrapping the uint32 space for real would take billions of allocations.
    /// </summary>
    private static void MoveCursorTo(ClientIdAllocator allocator, uint last)
    {
        var cursor = typeof(ClientIdAllocator).GetField("_last", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("ClientIdAllocator no longer keeps its cursor in '_last'; update this test");
        cursor.SetValue(allocator, last);
    }

    [Fact]
    public void First_id_is_1()
    {
        Assert.Equal(1u, new ClientIdAllocator().Allocate());
    }

    [Fact]
    public void Ids_are_distinct_and_counted_while_live()
    {
        var allocator = new ClientIdAllocator();

        var ids = Enumerable.Range(0, 1000).Select(_ => allocator.Allocate()).ToList();

        Assert.Equal(1000, ids.Distinct().Count());
        Assert.DoesNotContain(0u, ids);
        Assert.Equal(1000, allocator.LiveCount);
    }

    [Fact]
    public void Released_id_is_not_reused_before_the_space_wraps()
    {
        var allocator = new ClientIdAllocator();
        var first = allocator.Allocate();

        allocator.Release(first);

        Assert.NotEqual(first, allocator.Allocate());
        Assert.Equal(1, allocator.LiveCount);
    }

    [Fact]
    public void Wrapping_skips_0()
    {
        var allocator = new ClientIdAllocator();
        MoveCursorTo(allocator, uint.MaxValue - 1);

        Assert.Equal(uint.MaxValue, allocator.Allocate());
        Assert.Equal(1u, allocator.Allocate());
    }

    [Fact]
    public void Wrapping_skips_ids_that_are_still_live()
    {
        var allocator = new ClientIdAllocator();
        var one = allocator.Allocate();
        var two = allocator.Allocate();
        var three = allocator.Allocate();
        allocator.Release(two);
        MoveCursorTo(allocator, uint.MaxValue);

        var next = allocator.Allocate();
        var afterThat = allocator.Allocate();

        Assert.Equal((1u, 2u, 3u), (one, two, three));
        Assert.Equal(2u, next);
        Assert.Equal(4u, afterThat);
    }
}
