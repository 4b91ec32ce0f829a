using System.Text;
using Akka.Actor;
using Akka.TestKit;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>--events=cluster: every node's pipe-out sees the opens, messages and closes of every node, each once; --events=local only its own.</summary>
public sealed class ClusterEventsTests(ITestOutputHelper output) : MultiNodeTestKit(output)
{
    [Fact]
    public async Task Subscriber_on_node_3_sees_open_message_and_close_of_every_client_of_every_node_once_in_order()
    {
        var nodes = await StartClusterAsync(3);
        var subscriber = Subscribe(nodes[2]);
        var clients = new List<Client>();
        foreach (var node in nodes)
            clients.AddRange(await ConnectAsync(node, 2));

        foreach (var client in clients)
            client.Node.Router.Tell(new ClientMessage(client.Id, Opcode.Text, Encoding.UTF8.GetBytes($"from {client.Id}")), client.Probe.Ref);
        foreach (var client in clients)
            await DisconnectAsync(client);

        var events = await ReceiveEventsAsync(subscriber, clients.Count * 3);
        await subscriber.ExpectNoMsgAsync(Silence);
        foreach (var client in clients)
        {
            var own = events.Where(e => e.ClientId == client.Id).ToList();
            Assert.Collection(own,
                e => Assert.IsType<ClientOpened>(e),
                e => Assert.Equal($"from {client.Id}", Encoding.UTF8.GetString(Assert.IsType<ClientMessage>(e).Payload)),
                e => Assert.IsType<ClientClosed>(e));
        }
    }

    [Fact]
    public async Task Remote_open_carries_the_client_address()
    {
        var nodes = await StartClusterAsync(2);
        var subscriber = Subscribe(nodes[0]);

        var client = await ConnectAsync(nodes[1], "2001:db8::7");

        var opened = await subscriber.ExpectMsgAsync<ClientOpened>(Delivery);
        Assert.Equal(new ClientOpened(client.Id, "2001:db8::7"), opened);
    }

    [Fact]
    public async Task Late_subscriber_on_node_1_gets_an_open_for_every_client_of_the_cluster_before_anything_else()
    {
        var nodes = await StartClusterAsync(3);
        var early = Subscribe(nodes[0]);
        var clients = new List<Client>();
        foreach (var node in nodes)
            clients.AddRange(await ConnectAsync(node, 3));
        var gone = clients[^1];
        await DisconnectAsync(gone);
        var live = clients.Where(client => client != gone).ToList();
        // Node 1 has heard of every open and of the close once its early subscriber has.
        await ReceiveEventsAsync(early, clients.Count + 1);

        var late = Subscribe(nodes[0]);
        var talker = live.First(client => client.Node == nodes[1]);
        talker.Node.Router.Tell(new ClientMessage(talker.Id, Opcode.Binary, [1, 2, 3]), talker.Probe.Ref);

        var opens = await ReceiveEventsAsync(late, live.Count);
        Assert.All(opens, e => Assert.IsType<ClientOpened>(e));
        Assert.Equal(live.Select(client => client.Id).Order(), opens.Select(e => e.ClientId).Order());
        var next = await late.ExpectMsgAsync<ClientMessage>(Delivery);
        Assert.Equal(talker.Id, next.ClientId);
    }

    [Fact]
    public async Task With_local_events_a_node_subscriber_sees_only_its_own_clients()
    {
        var nodes = await StartClusterAsync(
            NodeSettings("node-1", true),
            NodeSettings("node-2", false),
            NodeSettings("node-3", true));
        var clusterWide = Subscribe(nodes[0]);
        var localOnly = Subscribe(nodes[1]);
        var clients = new List<Client>();
        foreach (var node in nodes)
            clients.AddRange(await ConnectAsync(node, 2));
        foreach (var client in clients)
            client.Node.Router.Tell(new ClientMessage(client.Id, Opcode.Text, [0x61]), client.Probe.Ref);

        var all = await ReceiveEventsAsync(clusterWide, clients.Count * 2);
        var own = await ReceiveEventsAsync(localOnly, 4);
        await localOnly.ExpectNoMsgAsync(Silence);

        var node2Ids = clients.Where(client => client.Node == nodes[1]).Select(client => client.Id).ToHashSet();
        Assert.All(own, e => Assert.Contains(e.ClientId, node2Ids));
        Assert.Equal(clients.Select(client => client.Id).Order(), all.OfType<ClientOpened>().Select(e => e.ClientId).Order());
        var lateLocal = Subscribe(nodes[1]);
        var lateOpens = await ReceiveEventsAsync(lateLocal, 2);
        await lateLocal.ExpectNoMsgAsync(Silence);
        Assert.Equal(node2Ids.Order(), lateOpens.Select(e => e.ClientId).Order());
    }

    [Fact]
    public async Task Clients_open_before_the_nodes_meet_are_announced_once_they_do()
    {
        var nodes = await StartClusterAsync(1);
        var subscriber = Subscribe(nodes[0]);
        var local = await ConnectAsync(nodes[0]);
        await subscriber.ExpectMsgAsync<ClientOpened>(Delivery);

        var second = StartNode(NodeSettings("node-2", true));
        var remoteSubscriber = Subscribe(second);
        var remote = await ConnectAsync(second);
        await AwaitConvergedAsync(Nodes);

        Assert.Equal(remote.Id, (await subscriber.ExpectMsgAsync<ClientOpened>(Delivery)).ClientId);
        var seenOnNode2 = await ReceiveEventsAsync(remoteSubscriber, 2);
        Assert.Equal(new[] { local.Id, remote.Id }.Order(), seenOnNode2.Select(e => e.ClientId).Order());
        await Task.WhenAll(subscriber.ExpectNoMsgAsync(Silence).AsTask(), remoteSubscriber.ExpectNoMsgAsync(Silence).AsTask());
    }
}
