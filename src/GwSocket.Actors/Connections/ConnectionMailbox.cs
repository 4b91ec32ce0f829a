using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace GwSocket.Actors.Connections;

/// <summary>
/// The mailbox type of connection actors (<see cref="ConnectionMessageQueue"/>), configured under
/// <see cref="Id"/> in GwSocket.Actors' reference.conf and chosen with <c>Props.WithMailbox(ConnectionMailbox.Id)</c>.
/// </summary>
internal sealed class ConnectionMailbox(Settings settings, Config config)
    : MailboxType(settings, config), IProducesMessageQueue<ConnectionMessageQueue>
{
    public const string Id = "gwsocket.connection-mailbox";

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new ConnectionMessageQueue();
}
