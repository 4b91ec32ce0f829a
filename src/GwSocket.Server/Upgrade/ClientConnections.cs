using System.IO.Pipelines;
using System.Net.Sockets;
using Akka.Actor;
using GwSocket.Actors;
using GwSocket.Actors.Connections;
using GwSocket.Protocol.Compression;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.Upgrade;

/// <summary>Hands an upgraded connection to the node's broker, which starts its ConnectionActor.</summary>
internal sealed class ClientConnections(GwSocketSettings settings, ActorSystem system)
{
    private readonly GwSocketBroker _broker = GwSocketBroker.Get(system);

    /// <summary>What to agree on with a client whose Sec-WebSocket-Extensions is <paramref name="offers"/>: null with compression off.</summary>
    public PerMessageDeflate? NegotiateDeflate(string? offers) =>
        settings.Compression ? PerMessageDeflateNegotiation.Negotiate(offers) : null;

    /// <summary>The actor owns the transport from here; the task ends with the connection, and then Kestrel closes the socket.</summary>
    /// <param name="socket">The connection's socket, which the actor writes into itself, or null (TLS, or behind Kestrel's HTTP stack).</param>
    /// <param name="response">The 101, which the actor sends once the router knows the client; null when it has been sent.</param>
    /// <param name="deflate">The permessage-deflate the 101 agreed on, or null.</param>
    public Task ServeAsync(IDuplexPipe transport, Socket? socket, byte[]? response, ClientEndpoint client, PerMessageDeflate? deflate)
    {
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _broker.StartConnection(transport, socket, response, client, completed, deflate);
        // The actor completes the task itself; a terminated actor system cannot, so it ends the wait too.
        return Task.WhenAny(completed.Task, system.WhenTerminated);
    }
}
