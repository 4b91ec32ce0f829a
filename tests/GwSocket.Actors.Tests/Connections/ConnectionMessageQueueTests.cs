using Akka.Actor;
using GwSocket.Actors.Connections;

namespace GwSocket.Actors.Tests.Connections;

public sealed class ConnectionMessageQueueTests
{
    private static Envelope Message(int n) => new(n, ActorRefs.NoSender);

    private static List<int> DrainAll(ConnectionMessageQueue queue)
    {
        var drained = new List<int>();
        while (queue.TryDequeue(out var envelope))
            drained.Add((int)envelope.Message);
        return drained;
    }

    [Fact]
    public void Messages_come_out_in_the_order_they_went_in_across_growth_and_wrap_around()
    {
        var queue = new ConnectionMessageQueue();
        for (var n = 0; n < 3; n++)
            queue.Enqueue(ActorRefs.Nobody, Message(n));
        Assert.True(queue.TryDequeue(out var first));
        Assert.True(queue.TryDequeue(out var second));
        for (var n = 3; n < 20; n++)
            queue.Enqueue(ActorRefs.Nobody, Message(n));

        Assert.Equal(18, queue.Count);
        Assert.Equal([0, 1], new[] { (int)first.Message, (int)second.Message });
        Assert.Equal(Enumerable.Range(2, 18), DrainAll(queue));
        Assert.False(queue.HasMessages);
        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public void A_burst_is_given_back_once_drained_so_an_idle_connection_holds_the_small_ring_again()
    {
        var queue = new ConnectionMessageQueue();
        for (var n = 0; n < 1000; n++)
            queue.Enqueue(ActorRefs.Nobody, Message(n));
        Assert.True(queue.Capacity >= 1000);

        Assert.Equal(Enumerable.Range(0, 1000), DrainAll(queue));
        Assert.Equal(ConnectionMessageQueue.InitialCapacity, queue.Capacity);

        queue.Enqueue(ActorRefs.Nobody, Message(7));
        Assert.Equal([7], DrainAll(queue));
    }

    [Fact]
    public void A_ring_within_the_kept_capacity_stays_when_drained()
    {
        var queue = new ConnectionMessageQueue();
        for (var n = 0; n < ConnectionMessageQueue.KeptCapacity; n++)
            queue.Enqueue(ActorRefs.Nobody, Message(n));
        var grown = queue.Capacity;

        DrainAll(queue);

        Assert.Equal(ConnectionMessageQueue.KeptCapacity, grown);
        Assert.Equal(grown, queue.Capacity);
    }

    [Fact]
    public void Clean_up_hands_every_waiting_message_to_dead_letters_in_order()
    {
        var queue = new ConnectionMessageQueue();
        var deadLetters = new ConnectionMessageQueue();
        for (var n = 0; n < 10; n++)
            queue.Enqueue(ActorRefs.Nobody, Message(n));

        queue.CleanUp(ActorRefs.Nobody, deadLetters);

        Assert.False(queue.HasMessages);
        Assert.Equal(Enumerable.Range(0, 10), DrainAll(deadLetters));
    }

    [Fact]
    public async Task Concurrent_senders_lose_nothing_and_each_sender_s_messages_keep_their_order()
    {
        const int senders = 4;
        const int perSender = 20_000;
        var queue = new ConnectionMessageQueue();
        var received = new List<int>(senders * perSender);
        var producing = Enumerable.Range(0, senders).Select(sender => Task.Run(() =>
        {
            for (var n = 0; n < perSender; n++)
                queue.Enqueue(ActorRefs.Nobody, Message(sender * perSender + n));
        })).ToArray();
        var consuming = Task.Run(() =>
        {
            while (received.Count < senders * perSender)
            {
                if (queue.TryDequeue(out var envelope))
                    received.Add((int)envelope.Message);
                else
                    Thread.Yield();
            }
        });

        await Task.WhenAll(producing).WaitAsync(TimeSpan.FromMinutes(1));
        await consuming.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(senders * perSender, received.Distinct().Count());
        foreach (var sender in Enumerable.Range(0, senders))
        {
            var own = received.Where(n => n / perSender == sender).ToList();
            Assert.Equal(Enumerable.Range(sender * perSender, perSender), own);
        }
    }
}
