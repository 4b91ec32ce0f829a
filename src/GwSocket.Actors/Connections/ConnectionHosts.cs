using Akka.Actor;

namespace GwSocket.Actors.Connections;

/// <summary>The node's connection hosts (<c>gwsocket.connections.hosts</c> of them); connections are handed to them in turn.</summary>
internal sealed class ConnectionHosts
{
    // Each host's children live in an immutable dictionary copied in part on every start and stop:
    // 256 hosts keep it at about 40 entries at 10,000 connections (32 hosts: 1.3 KB allocated per handshake there).
    private readonly IActorRef[] _hosts;
    private uint _next;

    /// <summary>The hosts' keepalive ticks are spread evenly over one interval: host k first ticks after (k + 1) / count of it.</summary>
    public ConnectionHosts(ActorSystem system, int count, TimeSpan keepaliveInterval, TimeSpan keepaliveTimeout)
    {
        System.Diagnostics.Debug.Assert(count > 0, "a node needs at least one connection host");
        _hosts = [.. Enumerable.Range(0, count)
            .Select(k => system.ActorOf(ConnectionHost.Props(keepaliveInterval, keepaliveInterval * (k + 1) / count, keepaliveTimeout), $"connections-{k}"))];
    }

    public void Start(Props connection) =>
        _hosts[Interlocked.Increment(ref _next) % (uint)_hosts.Length].Tell(new StartConnection(connection));
}
