using Akka.Actor;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.Connections;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Connections;

/// <summary>The module's reference.conf configures the connection mailbox, and an actor started with it works as any other.</summary>
public sealed class ConnectionMailboxConfigTests(ITestOutputHelper output)
    : TestKit(BrokerConfig.Local, output: output)
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(message => Sender.Tell(message));
    }

    [Fact]
    public async Task The_mailbox_id_resolves_to_the_connection_mailbox_and_delivers_in_order()
    {
        Assert.IsType<ConnectionMailbox>(Sys.Mailboxes.Lookup(ConnectionMailbox.Id));

        var echo = Sys.ActorOf(Props.Create(() => new Echo()).WithMailbox(ConnectionMailbox.Id));
        for (var n = 0; n < 100; n++)
            echo.Tell(n, TestActor);

        for (var n = 0; n < 100; n++)
            Assert.Equal(n, await ExpectMsgAsync<int>(TimeSpan.FromSeconds(10)));
    }
}
