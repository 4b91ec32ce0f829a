using System.Diagnostics;

namespace GwSocket.Protocol.Flow;

/// <summary>
/// What the router knows of one client's outbound queue, to decide whether a batch may go to it. The router
/// counts the bytes it hands to the client; the client reports, now and then, how many it has received and how
/// many still wait in its queue. A client keeps up while its oldest waiting byte is younger than the delay limit;
/// then it holds the producer back no longer (it is slow) until it has caught up with an empty queue. Credit is
/// counted in bytes, each message at least <see cref="MinMessageCredit"/>: a queued message costs the server a queue
/// entry whatever its size, so tiny messages must not queue by the tens of thousands per client.
/// </summary>
public sealed class ClientCredit
{
    /// <summary>The least credit one message takes, however short it is.</summary>
    public const int MinMessageCredit = 512;

    /// <summary>
    /// A client that keeps up is given more only once at most this fraction of the bound waits for it: its queue stays
    /// short, so that it drains well within the delay limit even when a saturated server writes each client slowly.
    /// </summary>
    public const int RefillBelowFractionOfBound = 8;

    /// <summary>Byte ranges handed over within this many milliseconds share one age entry, so the entries stay few.</summary>
    private readonly long _ageGranularity;
    private readonly Queue<AgeEntry> _ages = new();
    private AgeEntry? _newest;
    private long _received;
    private long _queued;
    private long _reportedAt = long.MinValue;

    /// <summary>The credit a frame of <paramref name="frameLength"/> bytes takes in a client's queue.</summary>
    public static int CreditOf(int frameLength) => Math.Max(frameLength, MinMessageCredit);

    public ClientCredit(TimeSpan maxDelay)
    {
        Debug.Assert(maxDelay > TimeSpan.Zero);
        _ageGranularity = Math.Max(1, (long)maxDelay.TotalMilliseconds / 16);
    }

    /// <summary>Bytes handed to the client so far.</summary>
    public long Sent { get; private set; }

    /// <summary>Bytes the client may still have to write: handed over since its last report plus what it had queued then.</summary>
    public long Outstanding => Sent - _received + _queued;

    /// <summary>Held back no longer: its oldest message waited longer than the delay limit, or it was found too slow otherwise.</summary>
    public bool Slow { get; private set; }

    /// <summary>Whether the router has asked the client to report once its queue is empty (and has no answer yet).</summary>
    public bool ProgressRequested { get; set; }

    /// <summary>
    /// Room for <paramref name="bytes"/> more: a slow client never holds a batch back; one that keeps up takes it when at
    /// most an eighth of <paramref name="maxQueuedBytes"/> waits for it and its queue stays within the bound, or when
    /// nothing waits for it (a message larger than the bound still goes).
    /// </summary>
    public bool HasRoomFor(long bytes, long maxQueuedBytes) =>
        Slow || bytes == 0 || Outstanding == 0
        || (Outstanding <= maxQueuedBytes / RefillBelowFractionOfBound && Outstanding + bytes <= maxQueuedBytes);

    /// <summary>Counts <paramref name="bytes"/> handed over at <paramref name="now"/> (milliseconds of a monotonic clock).</summary>
    public void OnSent(long bytes, long now)
    {
        if (bytes == 0)
            return;
        Sent += bytes;
        if (Slow)
            return;
        if (_ages.Count > 0 && now - _newest!.Since < _ageGranularity)
            _newest.End = Sent;
        else
            AddAge(now);
    }

    /// <summary>
    /// The client's report, made at <paramref name="now"/>: <paramref name="received"/> bytes received in all,
    /// <paramref name="queued"/> waiting in its queue. A slow client that reports an empty queue has caught up and holds
    /// the producer back again.
    /// </summary>
    public void OnProgress(long received, long queued, long now)
    {
        Debug.Assert(received <= Sent && queued >= 0);
        _received = received;
        _queued = queued;
        _reportedAt = now;
        ProgressRequested = false;
        var written = received - queued;
        while (_ages.Count > 0 && _ages.Peek().End <= written)
            _ages.Dequeue();
        if (Slow && queued == 0)
        {
            Slow = false;
            if (Sent > received)
                AddAge(now);
        }
    }

    /// <summary>Bytes were handed over that the client has not reported written (a slow client's are not followed).</summary>
    public bool AwaitsWrite => _ages.Count > 0;

    /// <summary>Milliseconds the oldest byte not yet written has waited, as far as the reports tell; 0 when nothing waits.</summary>
    public long OldestWait(long now) => _ages.Count == 0 ? 0 : now - _ages.Peek().Since;

    /// <summary>
    /// Marks the client slow when its oldest waiting byte is older than <paramref name="maxDelay"/> and the client's latest
    /// report, made once that byte had waited longer than <paramref name="maxDelay"/>, still had it unwritten; true when it
    /// just became slow. Without such a report the age is only what the router last heard: a report that comes late
    /// (a starved process) must not make a client that keeps reading slow, so the router asks again instead.
    /// </summary>
    public bool MarkSlowIfOlderThan(TimeSpan maxDelay, long now)
    {
        var limit = (long)maxDelay.TotalMilliseconds;
        if (Slow || OldestWait(now) <= limit || _reportedAt - _ages.Peek().Since <= limit)
            return false;
        MarkSlow();
        return true;
    }

    /// <summary>The client no longer holds anything back, e.g. when its own queue bound applied the policy to it.</summary>
    public void MarkSlow()
    {
        Slow = true;
        ProgressRequested = false;
        _ages.Clear();
    }

    private void AddAge(long now)
    {
        _newest = new AgeEntry(Sent, now);
        _ages.Enqueue(_newest);
    }

    /// <summary>Bytes handed over up to <see cref="End"/> (cumulative), the earliest of them at <see cref="Since"/>.</summary>
    private sealed class AgeEntry(long end, long since)
    {
        public long End { get; set; } = end;

        public long Since { get; } = since;
    }
}
