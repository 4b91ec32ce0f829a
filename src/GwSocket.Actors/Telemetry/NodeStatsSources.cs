using Akka.Actor;

namespace GwSocket.Actors.Telemetry;

/// <summary>The actors whose counters make up this node's <see cref="NodeStats"/>; a pipe not in use is null.</summary>
public sealed record NodeStatsSources(IActorRef Router, IActorRef? PipeIn, IActorRef? PipeOut);
