using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using GwSocket.Actors.Telemetry;
using GwSocket.Protocol.Flow;

namespace GwSocket.Actors.Routing;

/// <summary>
/// The cluster side of the router. Routers find each other through membership: when a node is Up,
/// each router greets the other's router once (<see cref="PeerHello"/>), then tells it directly,
/// in batches. Frames for another node count against its window of credit (<see cref="PeerCredit"/>): pipe-in
/// is read on only while every reachable node has handed what it got to its clients, so a producer is slowed by
/// every node's readers. A node that is removed takes its clients with it: every subscriber gets their closes.
/// </summary>
internal sealed partial class Router
{
    private static readonly TimeSpan GreetingRetry = TimeSpan.FromSeconds(2);

    private readonly Dictionary<Address, Peer> _peers = [];
    private readonly Peer?[] _peersBySlot = new Peer?[ClientIdLayout.SlotCount];
    private bool _flushScheduled;

    private int PeerCount => _peers.Count;

    private void ReceivePeerMessages()
    {
        Receive<ClusterEvent.MemberUp>(up => OnMemberUp(up.Member));
        Receive<ClusterEvent.MemberDowned>(downed => OnMemberGone(downed.Member, "was downed"));
        Receive<ClusterEvent.MemberRemoved>(removed => OnMemberGone(removed.Member, "was removed from the cluster"));
        Receive<ClusterEvent.UnreachableMember>(unreachable => SetReachable(unreachable.Member, reachable: false));
        Receive<ClusterEvent.ReachableMember>(reachable => SetReachable(reachable.Member, reachable: true));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<PeerHello>(OnPeerHello);
        Receive<PeerBatch>(OnPeerBatch);
        Receive<PeerGrant>(OnPeerGrant);
        Receive<FlushPeersSignal>(_ =>
        {
            _flushScheduled = false;
            FlushPeers();
        });
        Receive<GreetMembersSignal>(_ =>
        {
            if (!GreetUngreetedMembers())
                Timers.Cancel(nameof(GreetMembersSignal));
        });
    }

    private void SubscribeToMembership() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    private void OnMemberUp(Member member)
    {
        if (member.UniqueAddress.Equals(_cluster.SelfUniqueAddress))
            OnSelfUp(MemberUpNumber.Of(member));
        else if (_ids is not null)
            Greet(member.Address);
    }

    private void OnSelfUp(int upNumber)
    {
        if (_ids is not null)
            return;
        var slot = ClientIdLayout.SlotForUpNumber(upNumber);
        _ids = new ClientIdAllocator(slot);
        _log.Info("node {0} is Up: up-number {1}, client ids of slot {2}", _settings.NodeName, upNumber, slot);
        Stash.UnstashAll();
        GreetUngreetedMembers();
    }

    /// <summary>
    /// Greets every Up node whose router has not answered yet (its router may have started after our first greeting);
    /// false when there is none.
    /// </summary>
    private bool GreetUngreetedMembers()
    {
        var greeted = false;
        foreach (var member in _cluster.State.Members)
        {
            if (member.Status == MemberStatus.Up && !member.UniqueAddress.Equals(_cluster.SelfUniqueAddress) && !IsKnownPeer(member.UniqueAddress))
            {
                Greet(member.Address);
                greeted = true;
            }
        }
        return greeted;
    }

    private bool IsKnownPeer(UniqueAddress node) => _peers.TryGetValue(node.Address, out var peer) && peer.NodeUid == node.Uid;

    /// <summary>The greeting is repeated until every Up node's router has answered: a node of its own has no timer for it.</summary>
    private void Greet(Address node)
    {
        Context.ActorSelection(new RootActorPath(node) / Self.Path.Elements).Tell(Hello(isReply: false));
        if (!Timers.IsTimerActive(nameof(GreetMembersSignal)))
            Timers.StartPeriodicTimer(nameof(GreetMembersSignal), GreetMembersSignal.Instance, GreetingRetry);
    }

    private PeerHello Hello(bool isReply) =>
        new(_ids!.Slot, _cluster.SelfUniqueAddress.Uid, _settings.NodeName, _settings.ClusterEvents, isReply);

    private void OnPeerHello(PeerHello hello)
    {
        if (_ids is null)
        {
            Stash.Stash();
            return;
        }
        var address = Sender.Path.Address;
        if (_peers.TryGetValue(address, out var known))
        {
            if (known.NodeUid == hello.NodeUid)
            {
                if (!hello.IsReply)
                    Sender.Tell(Hello(isReply: true));
                return;
            }
            RemovePeer(known, "restarted");
        }
        if (hello.Slot == _ids.Slot || _peers.Values.Any(peer => peer.Slot == hello.Slot))
            _log.Error("node {0} at {1} uses client-id slot {2}, already taken: its clients cannot be told apart", hello.NodeName, address, hello.Slot);

        var peer = new Peer(Sender, address, hello);
        _peers[address] = peer;
        _peersBySlot[hello.Slot % ClientIdLayout.SlotCount] = peer;
        _log.Info("node {0} at {1} joined the broker (slot {2})", hello.NodeName, address, hello.Slot);
        if (!hello.IsReply)
            Sender.Tell(Hello(isReply: true));
        if (peer.WantsEvents)
        {
            foreach (var (id, client) in _clients)
                EnqueueTo(peer, PeerEntry.From(new ClientOpened(id, client.Endpoint.RemoteIp)));
        }
        Stash.UnstashAll();
    }

    private void OnPeerBatch(PeerBatch batch)
    {
        if (!_peers.TryGetValue(Sender.Path.Address, out var peer))
        {
            // Its greeting is still on the way.
            Stash.Stash();
            return;
        }
        // A late batch from an earlier incarnation at the same address must not reach the new one's picture.
        if (!peer.Router.Equals(Sender))
            return;
        _clusterTraffic.Received(batch.Entries.Count);
        foreach (var entry in batch.Entries)
            ApplyFromPeer(peer, entry);
        DeliverWhenRoom();
    }

    /// <summary>The peer has handed this many bytes of our frames to its clients in all: pipe-in may go on.</summary>
    private void OnPeerGrant(PeerGrant grant)
    {
        if (!_peers.TryGetValue(Sender.Path.Address, out var peer) || !peer.Router.Equals(Sender))
            return;
        peer.Credit.OnGrant(grant.DeliveredInAll);
        DeliverWhenRoom();
    }

    /// <summary>Everything the peers sent is in this node's clients' queues now: one cumulative grant to each that sent frames since the last.</summary>
    private void GrantPeers()
    {
        foreach (var peer in _peers.Values)
        {
            if (peer.Credit.TakeGrant() is { } delivered)
                peer.Router.Tell(new PeerGrant(delivered));
        }
    }

    private bool AnyPeerWithholds()
    {
        foreach (var peer in _peers.Values)
        {
            if (peer.Credit.Withholds(_settings.PeerWindowBytes))
                return true;
        }
        return false;
    }

    private void ApplyFromPeer(Peer peer, PeerEntry entry)
    {
        switch (entry.Kind)
        {
            case PeerEntryKind.Broadcast:
                peer.Credit.OnReceived(entry.Bytes.Length);
                _delivery.Broadcast(entry.Bytes);
                break;
            case PeerEntryKind.Unicast:
                peer.Credit.OnReceived(entry.Bytes.Length);
                DeliverToLocalClient(entry.ClientId, entry.Bytes);
                break;
            case PeerEntryKind.Opened:
                peer.Clients[entry.ClientId] = entry.RemoteIp;
                PublishRemote(new ClientOpened(entry.ClientId, entry.RemoteIp));
                break;
            case PeerEntryKind.Message:
                PublishRemote(new ClientMessage(entry.ClientId, entry.Type, entry.Bytes));
                break;
            case PeerEntryKind.Closed:
                if (peer.Clients.Remove(entry.ClientId))
                    PublishRemote(new ClientClosed(entry.ClientId));
                break;
        }
    }

    private void PublishRemote(IClientEvent clientEvent)
    {
        if (_settings.ClusterEvents)
            Publish(clientEvent);
    }

    private IEnumerable<ClientOpened> RemoteClientsForSubscribers() =>
        _settings.ClusterEvents
            ? _peers.Values.SelectMany(peer => peer.Clients.Select(client => new ClientOpened(client.Key, client.Value)))
            : [];

    /// <summary>
    /// A downed node never comes back (it is removed next, and a restart is a new incarnation), so its clients are closed
    /// at the downing, one leader tick and a gossip round before its removal; whichever event comes first does it.
    /// </summary>
    private void OnMemberGone(Member member, string why)
    {
        if (_peers.TryGetValue(member.Address, out var peer) && peer.NodeUid == member.UniqueAddress.Uid)
            RemovePeer(peer, why);
    }

    /// <summary>
    /// A gone node's clients are gone too: every subscriber gets their closes now, never a ghost. The frames still
    /// waiting for it are dropped and counted, and it holds pipe-in back no longer.
    /// </summary>
    private void RemovePeer(Peer peer, string why)
    {
        _peers.Remove(peer.Address);
        if (_peersBySlot[peer.Slot % ClientIdLayout.SlotCount] == peer)
            _peersBySlot[peer.Slot % ClientIdLayout.SlotCount] = null;
        _undeliveredToRemovedNodes += peer.DropOutbox();
        foreach (var id in peer.Clients.Keys)
            PublishRemote(new ClientClosed(id));
        _log.Info("node {0} at {1} {2}; {3} of its clients closed", peer.NodeName, peer.Address, why, peer.Clients.Count);
        peer.Clients.Clear();
        DeliverWhenRoom();
    }

    private void SetReachable(Member member, bool reachable)
    {
        if (!_peers.TryGetValue(member.Address, out var peer) || peer.Credit.Reachable == reachable)
            return;
        if (reachable)
        {
            peer.Credit.OnReachable();
            _log.Info("node {0} at {1} is reachable again", peer.NodeName, peer.Address);
        }
        else
        {
            peer.Credit.OnUnreachable();
            _log.Warning("node {0} at {1} is unreachable: frames for its clients are dropped and counted", peer.NodeName, peer.Address);
            DeliverWhenRoom();
        }
    }

    private void EnqueueForOwner(uint clientId, byte[] frame)
    {
        var owner = _peersBySlot[ClientIdLayout.SlotOf(clientId)];
        if (owner is null)
            _unicastsToUnknownClients++;
        else if (!owner.Credit.Reachable)
            _undeliveredToUnreachableNodes++;
        else
            EnqueueTo(owner, PeerEntry.Unicast(clientId, frame));
    }

    private void EnqueueForEveryPeer(PeerEntry entry)
    {
        foreach (var peer in _peers.Values)
        {
            if (peer.Credit.Reachable)
                EnqueueTo(peer, entry);
            else
                _undeliveredToUnreachableNodes++;
        }
    }

    /// <summary>Events also go to unreachable nodes: Akka.Remote delivers them if the node comes back, and a removed node no longer matters.</summary>
    private void EnqueueForPeersWantingEvents(PeerEntry entry)
    {
        foreach (var peer in _peers.Values)
        {
            if (peer.WantsEvents)
                EnqueueTo(peer, entry);
        }
    }

    private void EnqueueTo(Peer peer, PeerEntry entry)
    {
        if (peer.Enqueue(entry, _settings.MaxBatchBytes))
        {
            SendBatch(peer);
            return;
        }
        if (_flushScheduled)
            return;
        // The signal queues behind what is already in the mailbox, so everything handled until then shares one batch.
        _flushScheduled = true;
        Self.Tell(FlushPeersSignal.Instance);
    }

    private void FlushPeers()
    {
        foreach (var peer in _peers.Values)
        {
            if (peer.HasOutbox)
                SendBatch(peer);
        }
    }

    private void SendBatch(Peer peer)
    {
        var batch = peer.TakeBatch();
        _clusterTraffic.Sent(batch.Entries.Count);
        peer.Router.Tell(batch);
    }

    private sealed class FlushPeersSignal
    {
        public static readonly FlushPeersSignal Instance = new();
    }

    private sealed class GreetMembersSignal
    {
        public static readonly GreetMembersSignal Instance = new();
    }
}
