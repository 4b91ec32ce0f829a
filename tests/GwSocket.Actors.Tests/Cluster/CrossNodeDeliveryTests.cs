using Akka.Actor;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Tests.Routing;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>Three nodes act as one broker: ids tell the nodes apart, unicasts go to their owner, broadcasts everywhere once, in order.</summary>
public sealed class CrossNodeDeliveryTests(ITestOutputHelper output) : MultiNodeTestKit(output)
{
    [Fact]
    public async Task Clients_of_different_nodes_get_distinct_ids_whose_slot_names_their_node()
    {
        var nodes = await StartClusterAsync(3);

        var clientsByNode = new List<Client[]>();
        foreach (var node in nodes)
            clientsByNode.Add(await ConnectAsync(node, 4));

        var ids = clientsByNode.SelectMany(clients => clients.Select(client => client.Id)).ToList();
        Assert.DoesNotContain(0u, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var slots = clientsByNode.Select(clients => Assert.Single(clients.Select(client => ClientIdLayout.SlotOf(client.Id)).Distinct())).ToList();
        Assert.Equal(slots.Count, slots.Distinct().Count());
    }

    [Fact]
    public async Task Unicast_sent_to_node_2_for_a_client_of_node_3_reaches_only_that_client()
    {
        var nodes = await StartClusterAsync(3);
        var clients = new List<Client>();
        foreach (var node in nodes)
            clients.AddRange(await ConnectAsync(node, 2));
        var target = clients.First(client => client.Node == nodes[2]);

        nodes[1].Router.Tell(PipeInBatches.Unicast(target.Id, Frames.Labelled("for you")), ActorRefs.NoSender);
        // A broadcast from the same producer comes after the unicast on every client: it fences what came before.
        nodes[1].Router.Tell(PipeInBatches.Broadcast(Frames.Labelled("fence")), ActorRefs.NoSender);

        Assert.Equal("for you", await target.Probe.ExpectFrameAsync(Delivery));
        foreach (var client in clients)
            Assert.Equal("fence", await client.Probe.ExpectFrameAsync(Delivery));
    }

    [Fact]
    public async Task Broadcast_on_node_2_reaches_every_client_of_every_node_exactly_once()
    {
        var nodes = await StartClusterAsync(3);
        var clients = new List<Client>();
        foreach (var node in nodes)
            clients.AddRange(await ConnectAsync(node, 3));

        nodes[1].Router.Tell(PipeInBatches.Broadcast(Frames.Labelled("to everyone")), ActorRefs.NoSender);
        nodes[1].Router.Tell(PipeInBatches.Broadcast(Frames.Labelled("fence")), ActorRefs.NoSender);

        foreach (var client in clients)
        {
            Assert.Equal("to everyone", await client.Probe.ExpectFrameAsync(Delivery));
            Assert.Equal("fence", await client.Probe.ExpectFrameAsync(Delivery));
        }
        await Task.WhenAll(clients.Select(client => client.Probe.ExpectNoFrameAsync(Silence)));
        Assert.Equal(2, (await CountersAsync(nodes[1])).Broadcasts);
    }

    [Fact]
    public async Task Five_hundred_broadcasts_sent_in_order_to_node_1_arrive_in_that_order_on_node_3()
    {
        var nodes = await StartClusterAsync(3);
        var onNode3 = await ConnectAsync(nodes[2]);
        var onNode2 = await ConnectAsync(nodes[1]);

        for (var i = 0; i < 500; i++)
            nodes[0].Router.Tell(PipeInBatches.Broadcast(Frames.Labelled($"#{i}")), ActorRefs.NoSender);

        foreach (var client in new[] { onNode3, onNode2 })
        {
            for (var i = 0; i < 500; i++)
                Assert.Equal($"#{i}", await client.Probe.ExpectFrameAsync(Delivery));
        }
    }

    [Fact]
    public async Task Unicasts_and_broadcasts_from_one_producer_keep_their_order_at_a_remote_client()
    {
        var nodes = await StartClusterAsync(3);
        var target = await ConnectAsync(nodes[2]);

        for (var i = 0; i < 300; i++)
        {
            nodes[0].Router.Tell(i % 3 == 0 ? PipeInBatches.Broadcast(Frames.Labelled($"#{i}")) : PipeInBatches.Unicast(target.Id, Frames.Labelled($"#{i}")), ActorRefs.NoSender);
        }

        for (var i = 0; i < 300; i++)
            Assert.Equal($"#{i}", await target.Probe.ExpectFrameAsync(Delivery));
    }

    [Fact]
    public async Task The_largest_batch_a_1_MiB_frame_behind_a_nearly_full_batch_crosses_nodes_intact()
    {
        var nodes = await StartClusterAsync(2);
        var remote = await ConnectAsync(nodes[1]);
        var frame = new byte[1024 * 1024 + 14];
        new Random(7).NextBytes(frame);
        var filler = new byte[1000];
        var fillers = (RouterSettings.Default.MaxBatchBytes - 1) / (filler.Length + 16);

        for (var i = 0; i < fillers; i++)
            nodes[0].Router.Tell(PipeInBatches.Broadcast(filler), ActorRefs.NoSender);
        nodes[0].Router.Tell(PipeInBatches.Broadcast(frame), ActorRefs.NoSender);
        nodes[0].Router.Tell(PipeInBatches.Unicast(remote.Id, frame), ActorRefs.NoSender);

        for (var i = 0; i < fillers; i++)
            Assert.Equal(filler.Length, (await remote.Probe.ExpectFrameBytesAsync(Delivery)).Length);
        for (var copy = 0; copy < 2; copy++)
        {
            var sent = await remote.Probe.ExpectFrameBytesAsync(Delivery);
            Assert.True(frame.AsSpan().SequenceEqual(sent), $"copy {copy}: {sent.Length} bytes differ from the {frame.Length} sent");
        }
    }
}
