using Akka.Cluster;

namespace GwSocket.Actors.Routing;

/// <summary>
/// A member's up-number: the cluster leader gives each member moving to Up a number above every
/// current member's, so it is unique among live members, including a restarted node whose old
/// incarnation is still being removed. Akka.NET keeps <c>Member.UpNumber</c> internal, but its public
/// <see cref="Member.IsOlderThan"/> compares by it (then by address, the same for two copies of one member)
/// and <see cref="Member.CopyUp"/> gives a copy with another number: the number is found by bisection.
/// <c>MemberUpNumberTests</c> fails should an Akka upgrade change either.
/// </summary>
internal static class MemberUpNumber
{
    public static int Of(Member member)
    {
        System.Diagnostics.Debug.Assert(member.Status == MemberStatus.Up, $"the up-number of a member that is {member.Status}");
        // Invariant: low <= UpNumber <= high. The member is older than its copy numbered n exactly when UpNumber < n.
        var low = 0;
        var high = int.MaxValue;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (member.IsOlderThan(member.CopyUp(middle + 1)))
                high = middle;
            else
                low = middle + 1;
        }
        return low;
    }
}
