using GwSocket.Protocol.Flow;

namespace GwSocket.Protocol.Tests.Flow;

/// <summary>The credit rules the router applies to each client before a batch goes out.</summary>
public sealed class ClientCreditTests
{
    private const long Bound = 1000;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_message_takes_its_length_in_credit_but_at_least_the_minimum_so_tiny_messages_cannot_queue_by_the_ten_thousand()
    {
        Assert.Equal(ClientCredit.MinMessageCredit, ClientCredit.CreditOf(34));
        Assert.Equal(ClientCredit.MinMessageCredit, ClientCredit.CreditOf(ClientCredit.MinMessageCredit));
        Assert.Equal(1028, ClientCredit.CreditOf(1028));
    }

    [Fact]
    public void Grant_a_batch_that_fits_within_the_bound_beside_what_waits_once_at_most_an_eighth_of_the_bound_waits()
    {
        var credit = new ClientCredit(MaxDelay);
        credit.OnSent(Bound / 8, now: 0);

        Assert.True(credit.HasRoomFor(Bound - (Bound / 8), Bound));
    }

    [Fact]
    public void Withhold_from_a_client_with_more_than_an_eighth_of_the_bound_waiting_even_when_the_batch_would_fit()
    {
        var credit = new ClientCredit(MaxDelay);
        credit.OnSent((Bound / 8) + 1, now: 0);

        Assert.False(credit.HasRoomFor(1, Bound));
    }

    [Fact]
    public void Withhold_a_batch_that_would_take_the_queue_past_the_bound()
    {
        var credit = new ClientCredit(MaxDelay);
        credit.OnSent(600, now: 0);

        Assert.False(credit.HasRoomFor(401, Bound));
    }

    [Fact]
    public void Grant_again_once_the_client_reports_it_has_written_enough()
    {
        var credit = new ClientCredit(MaxDelay);
        credit.OnSent(600, now: 0);
        credit.OnSent(300, now: 10);

        credit.OnProgress(received: 900, queued: 300, now: 20);
        Assert.Equal(300, credit.Outstanding);
        Assert.False(credit.HasRoomFor(100, Bound));

        credit.OnProgress(received: 900, queued: 100, now: 30);
        Assert.Equal(100, credit.Outstanding);
        Assert.True(credit.HasRoomFor(900, Bound));
        Assert.False(credit.HasRoomFor(901, Bound));
    }

    [Fact]
    public void Bytes_still_on_their_way_to_the_client_count_as_waiting()
    {
        var credit = new ClientCredit(MaxDelay);
        credit.OnSent(500, now: 0);
        credit.OnProgress(received: 500, queued: 0, now: 1);
        credit.OnSent(450, now: 2);

        Assert.Equal(450, credit.Outstanding);
        Assert.False(credit.HasRoomFor(551, Bound));
    }

    [Fact]
    public void Grant_a_message_larger_than_the_bound_to_a_client_with_nothing_waiting()
    {
        var credit = new ClientCredit(MaxDelay);

        Assert.True(credit.HasRoomFor(16 * Bound, Bound));
        credit.OnSent(16 * Bound, now: 0);
        Assert.False(credit.HasRoomFor(1, Bound));
    }

    [Fact]
    public void Withhold_from_a_client_that_stopped_reading_until_the_delay_limit_then_release_it_as_slow()
    {
        var credit = new ClientCredit(MaxDelay);
        credit.OnSent(900, now: 0);

        credit.OnProgress(received: 900, queued: 900, now: 5000);
        Assert.False(credit.MarkSlowIfOlderThan(MaxDelay, now: 5000));
        Assert.False(credit.HasRoomFor(200, Bound));

        credit.OnProgress(received: 900, queued: 900, now: 5001);
        Assert.True(credit.MarkSlowIfOlderThan(MaxDelay, now: 5001));
        Assert.True(credit.Slow);
        Assert.True(credit.HasRoomFor(200, Bound));
    }

    [Fact]
    public void A_client_is_found_slow_only_by_a_report_made_after_its_oldest_byte_passed_the_limit()
    {
        // The answer to the router's question comes late (a starved process): what it says is from before the limit.
        var credit = new ClientCredit(MaxDelay);
        credit.OnSent(900, now: 0);
        credit.OnProgress(received: 900, queued: 900, now: 2500);

        Assert.False(credit.MarkSlowIfOlderThan(MaxDelay, now: 6000));
        Assert.False(credit.MarkSlowIfOlderThan(MaxDelay, now: 9000));

        // The next report says the client has written it all meanwhile: it kept reading, nothing was dropped.
        credit.OnProgress(received: 900, queued: 0, now: 9100);
        Assert.False(credit.MarkSlowIfOlderThan(MaxDelay, now: 9100));
        Assert.False(credit.Slow);
        Assert.Equal(0, credit.OldestWait(now: 9100));
    }

    [Fact]
    public void The_age_is_that_of_the_oldest_byte_not_yet_written()
    {
        var credit = new ClientCredit(MaxDelay);
        credit.OnSent(100, now: 0);
        credit.OnSent(100, now: 4000);

        credit.OnProgress(received: 200, queued: 100, now: 4500);

        Assert.Equal(2000, credit.OldestWait(now: 6000));
        Assert.False(credit.MarkSlowIfOlderThan(MaxDelay, now: 6000));
    }

    [Fact]
    public void A_client_reading_steadily_but_slower_than_the_producer_is_released_once_its_oldest_byte_is_too_old()
    {
        // 100 bytes sent every 100 ms, 50 written: the backlog ages although the client keeps reading.
        var credit = new ClientCredit(MaxDelay);
        long now = 0, received = 0, written = 0;
        var releasedAt = -1L;
        for (; now <= 20_000 && releasedAt < 0; now += 100)
        {
            if (credit.HasRoomFor(100, 100_000))
            {
                credit.OnSent(100, now);
                received += 100;
            }
            written = Math.Min(received, written + 50);
            credit.OnProgress(received, received - written, now);
            if (credit.MarkSlowIfOlderThan(MaxDelay, now))
                releasedAt = now;
        }

        Assert.InRange(releasedAt, 5000, 11_000);
    }

    [Fact]
    public void A_slow_client_that_reports_an_empty_queue_has_caught_up_and_holds_batches_again()
    {
        var credit = new ClientCredit(MaxDelay);
        credit.OnSent(900, now: 0);
        credit.OnProgress(received: 900, queued: 900, now: 6000);
        Assert.True(credit.MarkSlowIfOlderThan(MaxDelay, now: 6000));
        credit.OnSent(900, now: 6000);

        credit.OnProgress(received: 1800, queued: 0, now: 7000);

        Assert.False(credit.Slow);
        Assert.Equal(0, credit.Outstanding);
        credit.OnSent(900, now: 7001);
        Assert.False(credit.HasRoomFor(200, Bound));
    }

    [Fact]
    public void A_slow_client_with_messages_still_waiting_stays_slow()
    {
        var credit = new ClientCredit(MaxDelay);
        credit.OnSent(900, now: 0);
        credit.OnProgress(received: 900, queued: 900, now: 6000);
        Assert.True(credit.MarkSlowIfOlderThan(MaxDelay, now: 6000));

        credit.OnProgress(received: 900, queued: 10, now: 7000);

        Assert.True(credit.Slow);
    }

    [Fact]
    public void A_client_that_keeps_up_is_never_found_slow()
    {
        var credit = new ClientCredit(MaxDelay);
        for (long now = 0; now < 60_000; now += 100)
        {
            credit.OnSent(500, now);
            credit.OnProgress(credit.Sent, queued: 0, now: now + 50);
            Assert.False(credit.MarkSlowIfOlderThan(MaxDelay, now + 50));
        }
        Assert.Equal(0, credit.OldestWait(now: 60_000));
    }

    /// <summary>The router checks ages only while a client awaits a write (or a batch waits): an idle node has no timer.</summary>
    [Fact]
    public void A_client_awaits_a_write_from_a_send_until_it_reports_everything_written()
    {
        var credit = new ClientCredit(MaxDelay);
        Assert.False(credit.AwaitsWrite);

        credit.OnSent(900, now: 0);
        Assert.True(credit.AwaitsWrite);
        credit.OnProgress(received: 900, queued: 100, now: 10);
        Assert.True(credit.AwaitsWrite);

        credit.OnProgress(received: 900, queued: 0, now: 20);
        Assert.False(credit.AwaitsWrite);
    }

    [Fact]
    public void A_slow_client_awaits_no_write_and_once_caught_up_awaits_what_was_sent_meanwhile()
    {
        var credit = new ClientCredit(MaxDelay);
        credit.OnSent(900, now: 0);
        credit.OnProgress(received: 900, queued: 900, now: 6000);
        Assert.True(credit.MarkSlowIfOlderThan(MaxDelay, now: 6000));
        credit.OnSent(900, now: 6000);
        Assert.False(credit.AwaitsWrite);

        credit.OnProgress(received: 900, queued: 0, now: 7000);

        Assert.False(credit.Slow);
        Assert.True(credit.AwaitsWrite);
    }
}
