using Akka.Actor;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.Connections;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Connections;

public sealed class ConnectionHostTests(ITestOutputHelper output) : TestKit(output: output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Says hello to its watcher when it starts, throws on "boom".</summary>
    private sealed class Fragile : ReceiveActor
    {
        public Fragile(IActorRef watcher)
        {
            watcher.Tell(Self);
            Receive<string>(message => message == "boom", _ => throw new InvalidOperationException("boom"));
        }
    }

    [Fact]
    public async Task Connection_that_throws_is_stopped_not_restarted()
    {
        var host = Sys.ActorOf(ConnectionHost.Props());
        host.Tell(new StartConnection(Props.Create(() => new Fragile(TestActor))));
        var connection = await ExpectMsgAsync<IActorRef>(Patience);
        Watch(connection);

        connection.Tell("boom");

        await ExpectTerminatedAsync(connection, Patience);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }
}
