using System.Diagnostics;

namespace GwSocket.Protocol.Flow;

/// <summary>
/// Credit between this node's router and another node's, both ways, counted in bytes of frames and granted per batch.
/// Outbound: the frames sent to the peer that it has not yet handed to its clients; while they exceed the window, the
/// peer withholds pipe-in (the next read waits), so a producer is slowed by every node's readers. Inbound: the frames
/// received from the peer; once they are in this node's clients' queues, one cumulative grant tells the peer so.
/// Cumulative counts make a lost or late grant harmless: the next one carries everything.
/// </summary>
public sealed class PeerCredit
{
    private long _grantedByPeer;
    private long _received;
    private long _grantedToPeer;

    /// <summary>Bytes of frames sent to the peer in all.</summary>
    public long Sent { get; private set; }

    /// <summary>False while the peer is unreachable: it holds nothing back, and what is sent to it is dropped.</summary>
    public bool Reachable { get; private set; } = true;

    /// <summary>Bytes sent to the peer that it has reported in its clients' queues, or written off while it was unreachable.</summary>
    public long Granted => _grantedByPeer;

    /// <summary>Bytes sent to the peer that it has not yet reported in its clients' queues; 0 while it is unreachable.</summary>
    public long Outstanding => Reachable ? Sent - _grantedByPeer : 0;

    /// <summary>Counts <paramref name="bytes"/> of frames sent to the peer.</summary>
    public void OnSent(long bytes)
    {
        Debug.Assert(bytes >= 0);
        Sent += bytes;
    }

    /// <summary>
    /// The peer's grant: it has handed <paramref name="deliveredInAll"/> bytes of what it received from this node to its
    /// clients. A grant older than one already applied changes nothing.
    /// </summary>
    public void OnGrant(long deliveredInAll) => _grantedByPeer = Math.Max(_grantedByPeer, Math.Min(deliveredInAll, Sent));

    /// <summary>
    /// Whether pipe-in must wait for this peer: it is reachable and has more than <paramref name="window"/> bytes not yet
    /// granted. A batch is checked before the next read, so the window may be exceeded by one batch.
    /// </summary>
    public bool Withholds(long window) => Outstanding > window;

    /// <summary>
    /// The peer is unreachable: what it has not granted is written off, so that it never holds pipe-in back, even
    /// after it comes back with grants still missing.
    /// </summary>
    public void OnUnreachable()
    {
        Reachable = false;
        _grantedByPeer = Sent;
    }

    public void OnReachable() => Reachable = true;

    /// <summary>Counts <paramref name="bytes"/> of frames received from the peer.</summary>
    public void OnReceived(long bytes)
    {
        Debug.Assert(bytes >= 0);
        _received += bytes;
    }

    /// <summary>
    /// Called once everything received so far is in the clients' queues: the cumulative grant to send the peer, or
    /// null when it has had it already (one grant per batch delivered, never one per message).
    /// </summary>
    public long? TakeGrant()
    {
        if (_received == _grantedToPeer)
            return null;
        _grantedToPeer = _received;
        return _received;
    }
}
