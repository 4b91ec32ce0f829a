using System.Reflection;
using Akka.Cluster;

namespace GwSocket.Actors.Routing;

/// <summary>
/// A member's up-number: the cluster leader gives each member moving to Up a number above every
/// current member's, so it is unique among live members, including a restarted node whose old
/// incarnation is still being removed. Akka.NET 1.5 keeps <c>Member.UpNumber</c> internal.
/// </summary>
internal static class MemberUpNumber
{
    private static readonly PropertyInfo Property =
        typeof(Member).GetProperty("UpNumber", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
        ?? throw new MissingMemberException(nameof(Member), "UpNumber");

    public static int Of(Member member) => (int)Property.GetValue(member)!;
}
