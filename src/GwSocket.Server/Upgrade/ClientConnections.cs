using System.IO.Pipelines;
using Akka.Actor;
using Akka.Hosting;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using GwSocket.Protocol.Compression;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.Upgrade;

/// <summary>Starts the ConnectionActor of an upgraded connection under one of the node's connection hosts.</summary>
public sealed class ClientConnections(GwSocketSettings settings, ActorSystem system, ActorRegistry registry)
{
    private readonly ConnectionSettings _connectionSettings = settings.ToConnectionSettings();
    private readonly ConnectionHosts _hosts = new(system, settings.KeepaliveInterval);

    /// <summary>What to agree on with a client whose Sec-WebSocket-Extensions is <paramref name="offers"/>: null with compression off.</summary>
    public PerMessageDeflate? NegotiateDeflate(string? offers) =>
        settings.Compression ? PerMessageDeflateNegotiation.Negotiate(offers) : null;

    /// <summary>The actor owns the transport from here; the task ends with the connection, and then Kestrel closes the socket.</summary>
    /// <param name="deflate">The permessage-deflate the 101 agreed on, or null.</param>
    public Task ServeAsync(IDuplexPipe transport, ClientEndpoint client, PerMessageDeflate? deflate)
    {
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = registry.Get<Router>();
        _hosts.Start(ConnectionActor.Props(transport, client, _connectionSettings, router, completed, deflate).WithMailbox(ConnectionMailbox.Id));
        // The actor completes the task itself; a terminated actor system cannot, so it ends the wait too.
        return Task.WhenAny(completed.Task, system.WhenTerminated);
    }
}
