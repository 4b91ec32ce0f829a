using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace GwSocket.Actors.Connections;

/// <summary>
/// The mailbox type of connection actors (<see cref="ConnectionMessageQueue"/>), configured under
/// <see cref="Id"/> in the shipped HOCON and chosen with <c>Props.WithMailbox(ConnectionMailbox.Id)</c>.
/// </summary>
public sealed class ConnectionMailbox(Settings settings, Config config)
    : MailboxType(settings, config), IProducesMessageQueue<ConnectionMessageQueue>
{
    public const string Id = "akka.actor.connection-mailbox";

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new ConnectionMessageQueue();
}
