using System.IO.Pipelines;
using Akka.Actor;
using GwSocket.Protocol.Compression;

namespace GwSocket.Actors.Connections;

/// <summary>
/// Creates one <see cref="ConnectionActor"/> by a plain constructor call: <c>Props.Create</c> with a lambda
/// walks and evaluates an expression tree for every connection, a large part of a handshake's CPU.
/// </summary>
internal sealed class ConnectionActorProducer(
    IDuplexPipe transport, ClientEndpoint client, ConnectionSettings settings, IActorRef router, TaskCompletionSource completed, PerMessageDeflate? deflate)
    : IIndirectActorProducer
{
    public Type ActorType => typeof(ConnectionActor);

    public ActorBase Produce() => new ConnectionActor(transport, client, settings, router, completed, deflate);

    public void Release(ActorBase actor)
    {
    }
}
