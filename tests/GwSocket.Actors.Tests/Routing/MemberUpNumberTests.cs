using Akka.Cluster;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.Routing;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Routing;

/// <summary>
/// The up-number read through Akka's public member API (no reflection): if an Akka upgrade changes how
/// <c>Member.IsOlderThan</c> or <c>Member.CopyUp</c> use it, these fail, and client ids would no longer be unique.
/// </summary>
public sealed class MemberUpNumberTests(ITestOutputHelper output) : TestKit(SingleNodeCluster.Config, output: output)
{
    [Fact]
    public async Task The_first_member_of_a_cluster_is_number_1_and_every_number_reads_back()
    {
        SingleNodeCluster.JoinSelf(Sys);
        var cluster = Cluster.Get(Sys);
        await AwaitConditionAsync(() => Task.FromResult(cluster.SelfMember.Status == MemberStatus.Up), TimeSpan.FromSeconds(30));
        var self = cluster.SelfMember;

        Assert.Equal(1, MemberUpNumber.Of(self));
        Assert.Contains("upNumber=1,", self.ToString());
        foreach (var upNumber in new[] { 0, 1, 2, 3, 255, 256, 257, 65_537, int.MaxValue - 1, int.MaxValue })
            Assert.Equal(upNumber, MemberUpNumber.Of(self.CopyUp(upNumber)));
    }
}
