using Akka.Actor;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Telemetry;
using GwSocket.Actors.Tests.Clustering;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Telemetry;

/// <summary>Each node's stats reach every other node's board, so any node's status page shows the whole cluster.</summary>
public sealed class StatsGossipTests(ITestOutputHelper output) : MultiNodeTestKit(output)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Every_board_shows_every_node_with_its_own_clients()
    {
        var nodes = await StartClusterAsync(2);
        var boards = nodes.Select(StartTelemetry).ToArray();

        await ConnectAsync(nodes[1], 2);
        await ConnectAsync(nodes[0], 1);

        foreach (var board in boards)
        {
            await AwaitAssertAsync(() =>
            {
                var stats = board.Current;
                Assert.Equal(["Up", "Up"], stats.Members.Select(member => member.Status));
                Assert.Equal(1, stats.Nodes.Single(node => node.NodeName == "node-1").Router.Connections);
                Assert.Equal(2, stats.Nodes.Single(node => node.NodeName == "node-2").Router.Connections);
            }, Delivery, Interval);
        }
        Assert.Equal(nodes[0].Address.ToString(), boards[0].Current.Self?.Address);
        Assert.Equal(nodes[1].Address.ToString(), boards[1].Current.Self?.Address);
    }

    [Fact]
    public async Task A_stopped_pipe_leaves_the_stats_so_readiness_sees_it_closed()
    {
        var node = (await StartClusterAsync(1))[0];
        var pipeIn = CreateTestProbe(node.System);
        var board = new StatsBoard();
        var gossip = node.System.ActorOf(StatsGossip.Props(board), StatsGossip.Name);
        node.System.ActorOf(NodeStatsCollector.Props(new NodeStatsSources(node.Router, pipeIn.Ref, null), gossip, node.Name, Interval));

        pipeIn.ExpectMsg<GetPipeIngestCounters>();
        pipeIn.Reply(new PipeIngestCounters(7, 70, 0, 0, 0, 0));
        await AwaitAssertAsync(() => Assert.Equal(7, board.Current.Self?.PipeIn?.RecordsIn), Delivery, Interval);

        Watch(pipeIn.Ref);
        Sys.Stop(pipeIn.Ref);
        ExpectTerminated(pipeIn.Ref);
        await AwaitAssertAsync(() => Assert.Null(board.Current.Self?.PipeIn), Delivery, Interval);
    }

    [Fact]
    public async Task A_gossip_that_throws_is_restarted_and_the_board_goes_on()
    {
        var node = (await StartClusterAsync(1))[0];
        var errors = CreateTestProbe(node.System);
        node.System.EventStream.Subscribe(errors.Ref, typeof(Akka.Event.Error));
        var board = StartTelemetry(node);
        await AwaitAssertAsync(() => Assert.NotNull(board.Current.Self), Delivery, Interval);
        var before = board.Current.Self!;

        // Stats without an address cannot come from a node: here they stand for any bug in the gossip's handling.
        node.System.ActorSelection($"/user/{StatsGossip.Name}").Tell(before with { Address = null! });

        Assert.IsType<ArgumentNullException>((await errors.ExpectMsgAsync<Akka.Event.Error>(Delivery)).Cause);
        await AwaitAssertAsync(() => Assert.True(board.Current.Self?.UnixTimeMilliseconds > before.UnixTimeMilliseconds), Delivery, Interval);
    }

    private static StatsBoard StartTelemetry(ClusterNode node)
    {
        var board = new StatsBoard();
        var gossip = node.System.ActorOf(StatsGossip.Props(board), StatsGossip.Name);
        node.System.ActorOf(NodeStatsCollector.Props(new NodeStatsSources(node.Router, null, null), gossip, node.Name, Interval));
        return board;
    }
}
