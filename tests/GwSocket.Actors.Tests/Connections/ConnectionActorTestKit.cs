using Akka.Actor;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Tests.Transport;
using GwSocket.Protocol.Compression;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Connections;

/// <summary>
/// Starts connection actors on an in-memory transport with a probe as their router. The test actor
/// watches every connection, so <c>ExpectTerminatedAsync</c> tells when one stops. Connection actors get
/// the mailbox they have in the server, from the module's reference.conf (with the local provider: no cluster here).
/// </summary>
public abstract class ConnectionActorTestKit(ITestOutputHelper output)
    : TestKit(BrokerConfig.Local, output: output)
{
    /// <summary>Generous: these tests run on loaded two-core machines, and waiting only costs time when something is wrong.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Keepalive off, timeouts far away: a test that needs a timer sets it.</summary>
    protected static readonly ConnectionSettings Quiet = ConnectionSettings.Default with
    {
        MaxMessageSize = 1024 * 1024,
        KeepaliveInterval = TimeSpan.Zero,
        KeepaliveTimeout = TimeSpan.FromSeconds(30),
        CloseTimeout = TimeSpan.FromSeconds(30),
        EchoMode = false,
    };

    private readonly List<InMemoryTransport> _transports = [];

    internal async Task<ConnectionUnderTest> ConnectAsync(
        ConnectionSettings settings, InMemoryTransport? transport = null, uint clientId = 42, PerMessageDeflate? deflate = null)
    {
        transport ??= new InMemoryTransport();
        _transports.Add(transport);
        var router = CreateTestProbe();
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new ClientEndpoint("192.0.2.7", 50123);
        // As in the server: under a host, which ticks the keepalive, with the connection mailbox.
        var host = Sys.ActorOf(ConnectionHost.Props(settings.KeepaliveInterval, pongTimeout: settings.KeepaliveTimeout));
        host.Tell(new StartConnection(ConnectionActor.Props(transport.Input, ConnectionOutput.Into(transport.Output), client, settings, router.Ref, completed, deflate).WithMailbox(ConnectionMailbox.Id)));

        var register = await router.ExpectMsgAsync<RegisterConnection>(Patience);
        var actor = register.Connection;
        Watch(actor);
        Assert.Equal(client, register.Client);
        actor.Tell(new ConnectionRegistered(clientId), router.Ref);
        return new ConnectionUnderTest(actor, clientId, router, transport, new ServerFrameReader(transport.FromServer), completed);
    }

    /// <summary>
    /// Returns once the actor has processed every message sent to it before this call
    /// (Identify is answered in mailbox order).
    /// </summary>
    internal static async Task DrainMailboxAsync(IActorRef actor)
    {
        var identity = await actor.Ask<ActorIdentity>(new Identify(null), Patience);
        Assert.NotNull(identity.Subject);
    }

    /// <summary>The connection stopped and told the HTTP layer it is over.</summary>
    internal async Task ExpectFinishedAsync(ConnectionUnderTest connection, TimeSpan? within = null)
    {
        await ExpectTerminatedAsync(connection.Actor, within ?? Patience);
        await connection.Completed.Task.WaitAsync(Patience);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var transport in _transports)
                transport.Dispose();
        }
        base.Dispose(disposing);
    }
}
