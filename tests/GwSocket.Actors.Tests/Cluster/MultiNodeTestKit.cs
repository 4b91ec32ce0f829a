using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>
/// Several nodes in one process on loopback: node 1 is the test kit's own system, the others are
/// created by the test, all join node 1 explicitly. Every system is terminated when the test ends.
/// Test probes stand in for connections (they get the frames) and for pipe-out (it gets the events).
/// </summary>
[Collection(MultiNodeCollection.Name)]
public abstract class MultiNodeTestKit(ITestOutputHelper output)
    : TestKit(MultiNodeConfig.ForPort(0), MultiNodeConfig.SystemName, output), IAsyncLifetime
{
    /// <summary>Cluster convergence on a loaded 2-core machine can take a while.</summary>
    protected static readonly TimeSpan Convergence = TimeSpan.FromSeconds(30);

    /// <summary>For one message or event to cross a node.</summary>
    protected static readonly TimeSpan Delivery = TimeSpan.FromSeconds(15);

    /// <summary>How long to listen for something that must not come, once what must come has come.</summary>
    protected static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(500);

    private readonly List<ClusterNode> _nodes = [];

    /// <summary>The nodes started so far, node 1 first; a stopped node stays in the list.</summary>
    protected IReadOnlyList<ClusterNode> Nodes => _nodes;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes.Where(node => node.System != Sys))
            await TerminateAsync(node);
    }

    /// <summary>Starts a cluster of one router per settings (node 1 on the test kit's system) and waits until every router knows every other.</summary>
    protected async Task<ClusterNode[]> StartClusterAsync(params RouterSettings[] settings)
    {
        _nodes.Add(new ClusterNode(settings[0].NodeName, Sys, settings[0]));
        foreach (var nodeSettings in settings.Skip(1))
            _nodes.Add(new ClusterNode(nodeSettings.NodeName, CreateSystem(nodeSettings.NodeName, MultiNodeConfig.ForPort(0)), nodeSettings));
        foreach (var node in _nodes)
            node.Cluster.Join(_nodes[0].Address);
        await AwaitConvergedAsync(_nodes);
        return [.. _nodes];
    }

    protected Task<ClusterNode[]> StartClusterAsync(int nodes, bool clusterEvents = true) =>
        StartClusterAsync([.. Enumerable.Range(1, nodes).Select(n => NodeSettings($"node-{n}", clusterEvents))]);

    /// <summary>A node's router settings: the module's defaults with its name and events.</summary>
    protected static RouterSettings NodeSettings(string name, bool clusterEvents) =>
        RouterSettings.Default with { NodeName = name, ClusterEvents = clusterEvents };

    /// <summary>Starts another node that joins node 1, on a given port (a restart) or a free one, with settings of its own on top.</summary>
    protected ClusterNode StartNode(RouterSettings settings, int port = 0, Config? overrides = null)
    {
        var config = overrides is null ? MultiNodeConfig.ForPort(port) : overrides.WithFallback(MultiNodeConfig.ForPort(port));
        var node = new ClusterNode(settings.NodeName, CreateSystem(settings.NodeName, config), settings);
        _nodes.Add(node);
        node.Cluster.Join(_nodes[0].Address);
        return node;
    }

    /// <summary>A node's own actor system, whose log goes to the test's output too, each line marked with the node's name.</summary>
    private ActorSystem CreateSystem(string nodeName, Config config)
    {
        var system = ActorSystem.Create(MultiNodeConfig.SystemName, config);
        InitializeLogger(system, $"[{nodeName}] ");
        return system;
    }

    /// <summary>Every given node sees all of them Up, and every router has greeted every other.</summary>
    protected async Task AwaitConvergedAsync(IReadOnlyCollection<ClusterNode> nodes)
    {
        foreach (var node in nodes)
            await AwaitAssertAsync(() => Assert.Equal(nodes.Count, node.UpMembers), Convergence, TimeSpan.FromMilliseconds(100));
        foreach (var node in nodes)
            await AwaitAssertAsync(async () => Assert.Equal(nodes.Count - 1, (await CountersAsync(node)).Peers), Convergence, TimeSpan.FromMilliseconds(200));
    }

    protected static async Task<RouterCounters> CountersAsync(ClusterNode node) =>
        await node.Router.Ask<RouterCounters>(GetRouterCounters.Instance, TimeSpan.FromSeconds(5));

    /// <summary>A test probe as a connection of <paramref name="node"/>: registered, with its client id.</summary>
    protected async Task<Client> ConnectAsync(ClusterNode node, string remoteIp = "192.0.2.1")
    {
        var probe = CreateTestProbe(node.System);
        // The router's flow-control questions are not what these tests look at.
        probe.IgnoreMessages(message => message is ReportWhenDrained or ClientTooSlow);
        node.Router.Tell(new RegisterConnection(probe.Ref, new ClientEndpoint(remoteIp, 40000)), probe.Ref);
        var registered = await probe.ExpectMsgAsync<ConnectionRegistered>(Convergence);
        return new Client(node, probe, registered.ClientId);
    }

    protected async Task<Client[]> ConnectAsync(ClusterNode node, int count)
    {
        var clients = new Client[count];
        for (var i = 0; i < count; i++)
            clients[i] = await ConnectAsync(node, $"192.0.2.{i + 1}");
        return clients;
    }

    /// <summary>A test probe as pipe-out of <paramref name="node"/>: it gets the client events.</summary>
    protected TestProbe Subscribe(ClusterNode node)
    {
        var subscriber = CreateTestProbe(node.System);
        node.Router.Tell(new SubscribeClientEvents(subscriber.Ref));
        return subscriber;
    }

    /// <summary>The connection goes away, as when its socket closes: it tells its router as it stops.</summary>
    protected async Task DisconnectAsync(Client client)
    {
        var watcher = CreateTestProbe(client.Node.System);
        watcher.Watch(client.Probe.Ref);
        client.Node.Router.Tell(new ConnectionStopped(client.Probe.Ref), client.Probe.Ref);
        client.Node.System.Stop(client.Probe.Ref);
        await watcher.ExpectTerminatedAsync(client.Probe.Ref, Delivery);
    }

    /// <summary>The node leaves the cluster gracefully, waits until it is removed, then its system ends.</summary>
    protected async Task LeaveAsync(ClusterNode node)
    {
        await node.Cluster.LeaveAsync().WaitAsync(Convergence);
        await TerminateAsync(node);
    }

    /// <summary>The node's system ends without leaving the cluster: for the others it has crashed.</summary>
    protected static async Task TerminateAsync(ClusterNode node)
    {
        if (node.System.WhenTerminated.IsCompleted)
            return;
        await node.System.Terminate().WaitAsync(Convergence);
    }

    /// <summary>Every given node sees exactly <paramref name="count"/> members, all Up (the others were removed).</summary>
    protected async Task AwaitMembersAsync(IEnumerable<ClusterNode> nodes, int count)
    {
        foreach (var node in nodes)
        {
            await AwaitAssertAsync(() =>
            {
                var members = node.Cluster.State.Members;
                Assert.Equal(count, members.Count);
                Assert.All(members, member => Assert.Equal(Akka.Cluster.MemberStatus.Up, member.Status));
            }, Convergence, TimeSpan.FromMilliseconds(100));
        }
    }

    protected static async Task<List<IClientEvent>> ReceiveEventsAsync(TestProbe subscriber, int count)
    {
        var events = new List<IClientEvent>(count);
        for (var i = 0; i < count; i++)
            events.Add(await subscriber.ExpectMsgAsync<IClientEvent>(Delivery));
        return events;
    }

    /// <summary>A connection of a node, as the cluster knows it.</summary>
    protected sealed record Client(ClusterNode Node, TestProbe Probe, uint Id);
}

/// <summary>
/// One in-process cluster at a time, and nothing else of this assembly beside it: other tests' actors share
/// the thread pool with the nodes' heartbeats, and on 2 cores they would starve them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiNodeCollection
{
    public const string Name = "multi-node cluster";
}
