using System.Runtime.InteropServices;
using GwSocket.Actors.Connections;

namespace GwSocket.Actors.Tests.Connections;

public sealed class OutboundQueueTests
{
    /// <summary>OutboundQueue's batch limit (a private constant there): 64 KiB per write.</summary>
    private const int BatchLimit = 64 * 1024;

    private static byte[] Frame(int length, byte fill) => Enumerable.Repeat(fill, length).ToArray();

    /// <summary>Takes every batch, in order, returning what each write would carry.</summary>
    private static List<byte[]> Drain(OutboundQueue queue)
    {
        var writes = new List<byte[]>();
        while (!queue.IsEmpty)
        {
            var batch = queue.TakeBatch();
            writes.Add(batch.Bytes.ToArray());
            OutboundQueue.Release(batch.Rented);
        }
        return writes;
    }

    [Fact]
    public void New_queue_is_empty()
    {
        var queue = new OutboundQueue();

        Assert.True(queue.IsEmpty);
        Assert.Equal(0, queue.QueuedBytes);
    }

    [Fact]
    public void Newer_pong_replaces_an_unsent_pong()
    {
        var queue = new OutboundQueue();
        var older = Frame(10, 1);
        var newer = Frame(7, 2);

        queue.EnqueuePong(older);
        queue.EnqueuePong(newer);

        Assert.Equal(newer.Length, queue.QueuedBytes);
        var write = Assert.Single(Drain(queue));
        Assert.Equal(newer, write);
        Assert.Equal(0, queue.QueuedBytes);
    }

    [Fact]
    public void Pong_goes_out_ahead_of_queued_data_frames()
    {
        var queue = new OutboundQueue();
        var data1 = Frame(5, 1);
        var data2 = Frame(6, 2);
        var pong = Frame(3, 9);

        queue.Enqueue(data1);
        queue.Enqueue(data2);
        queue.EnqueuePong(pong);

        Assert.Equal([.. pong, .. data1, .. data2], Assert.Single(Drain(queue)));
    }

    [Fact]
    public void Single_frame_is_written_as_it_is_without_a_copy()
    {
        var queue = new OutboundQueue();
        var frame = Frame(100, 3);
        queue.Enqueue(frame);

        var batch = queue.TakeBatch();

        Assert.Null(batch.Rented);
        Assert.True(MemoryMarshal.TryGetArray(batch.Bytes, out var segment));
        Assert.Same(frame, segment.Array);
        Assert.Equal(frame.Length, batch.Bytes.Length);
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void Frame_that_fills_a_batch_alone_is_written_without_a_copy_while_others_wait()
    {
        var queue = new OutboundQueue();
        var first = Frame(BatchLimit + 10, 1);
        var second = Frame(BatchLimit + 10, 2);
        queue.Enqueue(first);
        queue.Enqueue(second);

        var batch = queue.TakeBatch();

        Assert.Null(batch.Rented);
        Assert.True(MemoryMarshal.TryGetArray(batch.Bytes, out var segment));
        Assert.Same(first, segment.Array);
        Assert.Equal(second.Length, queue.QueuedBytes);
    }

    [Fact]
    public void Frames_are_joined_in_order_into_one_write()
    {
        var queue = new OutboundQueue();
        var frames = Enumerable.Range(1, 5).Select(i => Frame(i * 10, (byte)i)).ToArray();
        foreach (var frame in frames)
            queue.Enqueue(frame);

        var write = Assert.Single(Drain(queue));

        Assert.Equal(frames.SelectMany(frame => frame), write);
    }

    [Fact]
    public void Batches_are_capped_and_keep_frame_order()
    {
        var queue = new OutboundQueue();
        var frames = Enumerable.Range(0, 7).Select(i => Frame(25 * 1024, (byte)i)).ToArray();
        foreach (var frame in frames)
            queue.Enqueue(frame);

        var writes = Drain(queue);

        Assert.All(writes, write => Assert.True(write.Length <= BatchLimit, $"a write of {write.Length} bytes"));
        // 25 KiB frames: two fit under 64 KiB, a third would not.
        Assert.Equal([50 * 1024, 50 * 1024, 50 * 1024, 25 * 1024], writes.Select(write => write.Length));
        Assert.Equal(frames.SelectMany(frame => frame), writes.SelectMany(write => write));
    }

    [Fact]
    public void Frame_larger_than_the_cap_still_goes_out_whole_on_its_own()
    {
        var queue = new OutboundQueue();
        var small = Frame(10, 1);
        var huge = Frame(BatchLimit + 1, 2);
        var after = Frame(20, 3);
        queue.Enqueue(small);
        queue.Enqueue(huge);
        queue.Enqueue(after);

        var writes = Drain(queue);

        Assert.Equal([small.Length, huge.Length, after.Length], writes.Select(write => write.Length));
        Assert.Equal([.. small, .. huge, .. after], writes.SelectMany(write => write));
    }

    [Fact]
    public void QueuedBytes_counts_frames_and_the_pending_pong_until_they_are_taken()
    {
        var queue = new OutboundQueue();

        queue.Enqueue(Frame(100, 1));
        queue.Enqueue(Frame(50, 2));
        Assert.Equal(150, queue.QueuedBytes);

        queue.EnqueuePong(Frame(10, 3));
        Assert.Equal(160, queue.QueuedBytes);
        queue.EnqueuePong(Frame(4, 4));
        Assert.Equal(154, queue.QueuedBytes);

        var batch = queue.TakeBatch();
        Assert.Equal(154, batch.Bytes.Length);
        Assert.Equal(0, queue.QueuedBytes);
        Assert.True(queue.IsEmpty);
        OutboundQueue.Release(batch.Rented);
    }

    [Fact]
    public void QueuedBytes_keeps_what_a_capped_batch_left_behind()
    {
        var queue = new OutboundQueue();
        for (var i = 0; i < 3; i++)
            queue.Enqueue(Frame(25 * 1024, (byte)i));

        var batch = queue.TakeBatch();

        Assert.Equal(50 * 1024, batch.Bytes.Length);
        Assert.Equal(25 * 1024, queue.QueuedBytes);
        Assert.False(queue.IsEmpty);
        OutboundQueue.Release(batch.Rented);
    }
}
