using Akka.Actor;
using GwSocket.Actors.Connections;

namespace GwSocket.Server.Upgrade;

/// <summary>The node's connection hosts; connections are handed to them in turn.</summary>
public sealed class ConnectionHosts
{
    private const int Count = 32;

    private readonly IActorRef[] _hosts;
    private uint _next;

    public ConnectionHosts(ActorSystem system) =>
        _hosts = Enumerable.Range(0, Count).Select(k => system.ActorOf(ConnectionHost.Props(), $"connections-{k}")).ToArray();

    public void Start(Props connection) =>
        _hosts[Interlocked.Increment(ref _next) % Count].Tell(new StartConnection(connection));
}
