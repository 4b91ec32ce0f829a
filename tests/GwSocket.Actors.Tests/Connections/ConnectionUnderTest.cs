using Akka.Actor;
using Akka.TestKit;
using GwSocket.Actors.Tests.Transport;

namespace GwSocket.Actors.Tests.Connections;

/// <summary>A started, registered connection actor with the test on the client's end of its transport.</summary>
internal sealed record ConnectionUnderTest(
    IActorRef Actor,
    uint ClientId,
    TestProbe Router,
    InMemoryTransport Transport,
    ServerFrameReader FromServer,
    TaskCompletionSource Completed)
{
    public Task SendAsync(byte[] clientBytes) => Transport.SendAsync(clientBytes);
}
