using GwSocket.Actors.NetworkPipes;

namespace GwSocket.Actors.Tests.NetworkPipes;

/// <summary>What a network pipe connection asks for in its query string.</summary>
public sealed class NetworkPipeQueryTests
{
    [Theory]
    [InlineData("", false, false)]
    [InlineData("events=1", true, false)]
    [InlineData("ack=1", false, true)]
    [InlineData("ack=1&events=1", true, true)]
    [InlineData("x=2&events=1&y", true, false)]
    [InlineData("events=0&ack=yes", false, false)]
    [InlineData("events=10", false, false)]
    public void Events_and_acknowledgements_are_asked_for_with_1(string query, bool events, bool acknowledge) =>
        Assert.Equal(new NetworkPipeQuery(events, acknowledge), NetworkPipeQuery.Parse(query));

    [Theory]
    [InlineData("events=1&snapshot=1", true)]
    [InlineData("ack=1&events=1&snapshot=1", true)]
    [InlineData("snapshot=1", false)]
    [InlineData("events=1&snapshot=0", false)]
    public void The_end_of_the_snapshot_is_marked_for_a_watcher_that_asks(string query, bool snapshot) =>
        Assert.Equal(snapshot, NetworkPipeQuery.Parse(query).Snapshot);
}
