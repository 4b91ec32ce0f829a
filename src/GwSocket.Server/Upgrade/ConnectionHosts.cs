using Akka.Actor;
using GwSocket.Actors.Connections;

namespace GwSocket.Server.Upgrade;

/// <summary>The node's connection hosts; connections are handed to them in turn.</summary>
public sealed class ConnectionHosts
{
    // Each host's children live in an immutable dictionary copied in part on every start and stop:
    // 256 hosts keep it at about 40 entries at 10,000 connections (32 hosts: 1.3 KB allocated per handshake there).
    private const int Count = 256;

    private readonly IActorRef[] _hosts;
    private uint _next;

    /// <summary>The hosts' keepalive ticks are spread evenly over one interval: host k first ticks after (k + 1) / Count of it.</summary>
    public ConnectionHosts(ActorSystem system, TimeSpan keepaliveInterval) =>
        _hosts = Enumerable.Range(0, Count)
            .Select(k => system.ActorOf(ConnectionHost.Props(keepaliveInterval, keepaliveInterval * (k + 1) / Count), $"connections-{k}"))
            .ToArray();

    public void Start(Props connection) =>
        _hosts[Interlocked.Increment(ref _next) % Count].Tell(new StartConnection(connection));
}
