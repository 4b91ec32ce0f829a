using GwSocket.Protocol.Flow;

namespace GwSocket.Protocol.Tests.Flow;

/// <summary>The credit rules between two nodes' routers: pipe-in on one node waits for the other nodes' clients too.</summary>
public sealed class PeerCreditTests
{
    private const long Window = 1000;

    [Fact]
    public void Grant_nothing_before_anything_was_received()
    {
        var credit = new PeerCredit();

        Assert.Null(credit.TakeGrant());
    }

    [Fact]
    public void Grant_what_was_received_once_in_one_cumulative_grant_per_delivery()
    {
        var credit = new PeerCredit();
        credit.OnReceived(300);
        credit.OnReceived(200);

        Assert.Equal(500, credit.TakeGrant());
        Assert.Null(credit.TakeGrant());

        credit.OnReceived(100);
        Assert.Equal(600, credit.TakeGrant());
    }

    [Fact]
    public void Do_not_withhold_while_what_the_peer_has_not_granted_is_within_the_window()
    {
        var credit = new PeerCredit();
        credit.OnSent(Window);

        Assert.False(credit.Withholds(Window));
    }

    [Fact]
    public void Withhold_pipe_in_while_the_peer_has_more_than_the_window_not_granted()
    {
        var credit = new PeerCredit();
        credit.OnSent(600);
        credit.OnSent(401);

        Assert.Equal(1001, credit.Outstanding);
        Assert.True(credit.Withholds(Window));
    }

    [Fact]
    public void Release_pipe_in_when_the_peer_grants_what_it_delivered()
    {
        var credit = new PeerCredit();
        credit.OnSent(1500);

        credit.OnGrant(600);

        Assert.Equal(900, credit.Outstanding);
        Assert.False(credit.Withholds(Window));
    }

    [Fact]
    public void A_late_grant_older_than_one_applied_changes_nothing()
    {
        var credit = new PeerCredit();
        credit.OnSent(1500);
        credit.OnGrant(1200);

        credit.OnGrant(400);

        Assert.Equal(300, credit.Outstanding);
    }

    [Fact]
    public void A_grant_never_covers_more_than_was_sent()
    {
        var credit = new PeerCredit();
        credit.OnSent(100);

        credit.OnGrant(5000);
        credit.OnSent(1200);

        Assert.Equal(1200, credit.Outstanding);
        Assert.True(credit.Withholds(Window));
    }

    [Fact]
    public void A_peer_that_is_unreachable_withholds_nothing()
    {
        var credit = new PeerCredit();
        credit.OnSent(5000);

        credit.OnUnreachable();

        Assert.False(credit.Reachable);
        Assert.Equal(0, credit.Outstanding);
        Assert.False(credit.Withholds(Window));
    }

    [Fact]
    public void A_peer_that_comes_back_holds_only_what_is_sent_after_it_came_back()
    {
        var credit = new PeerCredit();
        credit.OnSent(5000);
        credit.OnUnreachable();
        credit.OnReachable();

        Assert.False(credit.Withholds(Window));
        credit.OnGrant(200);
        credit.OnSent(1001);

        Assert.Equal(1001, credit.Outstanding);
        Assert.True(credit.Withholds(Window));
        credit.OnGrant(6001);
        Assert.Equal(0, credit.Outstanding);
    }
}
