using Akka.Actor;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.Connections;
using Xunit.Abstractions;
using static GwSocket.Actors.Connections.ConnectionSignals;

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

    /// <summary>Tells its watcher every keepalive tick it gets, with itself.</summary>
    private sealed class TickCounter : ReceiveActor
    {
        public TickCounter(IActorRef watcher) => Receive<KeepaliveTick>(_ => watcher.Tell(Self));
    }

    [Fact]
    public async Task Host_ticks_the_keepalive_of_every_connection_it_holds()
    {
        var host = Sys.ActorOf(ConnectionHost.Props(TimeSpan.FromMilliseconds(100)));
        host.Tell(new StartConnection(Props.Create(() => new TickCounter(TestActor))));
        host.Tell(new StartConnection(Props.Create(() => new TickCounter(TestActor))));

        var ticked = new HashSet<IActorRef>();
        while (ticked.Count < 2)
            ticked.Add(await ExpectMsgAsync<IActorRef>(Patience));
    }

    [Fact]
    public async Task Host_that_throws_keeps_its_connections_and_their_keepalive()
    {
        var host = Sys.ActorOf(ConnectionHost.Props(TimeSpan.FromMilliseconds(100)));
        host.Tell(new StartConnection(Props.Create(() => new TickCounter(TestActor))));
        var connection = await ExpectMsgAsync<IActorRef>(Patience);
        Watch(connection);

        // A start without props cannot come from the server: here it stands for any bug in the host.
        await EventFilter.Exception<NullReferenceException>().ExpectOneAsync(Patience, () =>
        {
            host.Tell(new StartConnection(null!));
            return Task.CompletedTask;
        });

        // Three ticks after the restart, and the connection never stopped (its Terminated would come among them).
        for (var ticks = 0; ticks < 3;)
        {
            var message = await ExpectMsgAsync<object>(Patience);
            Assert.IsNotType<Terminated>(message);
            ticks += message.Equals(connection) ? 1 : 0;
        }
    }

    [Fact]
    public async Task Host_that_emptied_ticks_again_for_its_next_connection()
    {
        var host = Sys.ActorOf(ConnectionHost.Props(TimeSpan.FromMilliseconds(100)));
        host.Tell(new StartConnection(Props.Create(() => new TickCounter(TestActor))));
        var first = await ExpectMsgAsync<IActorRef>(Patience);
        Watch(first);
        Sys.Stop(first);
        // Ticks it told before it stopped may come before its Terminated.
        await FishForMessageAsync(message => message is Terminated terminated && terminated.ActorRef.Equals(first), Patience);

        host.Tell(new StartConnection(Props.Create(() => new TickCounter(TestActor))));

        // Ticks the first connection told before it stopped may still come first.
        IActorRef ticked;
        do
            ticked = await ExpectMsgAsync<IActorRef>(Patience);
        while (ticked.Equals(first));
    }

    [Fact]
    public async Task Host_ticks_first_at_its_own_phase_then_every_interval()
    {
        var host = Sys.ActorOf(ConnectionHost.Props(TimeSpan.FromMinutes(10), firstTick: TimeSpan.FromMilliseconds(100)));
        host.Tell(new StartConnection(Props.Create(() => new TickCounter(TestActor))));

        await ExpectMsgAsync<IActorRef>(Patience);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Host_with_keepalive_off_never_ticks()
    {
        var host = Sys.ActorOf(ConnectionHost.Props(TimeSpan.Zero));
        host.Tell(new StartConnection(Props.Create(() => new TickCounter(TestActor))));

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(800));
    }

    [Fact]
    public async Task Connection_that_throws_is_stopped_not_restarted()
    {
        var host = Sys.ActorOf(ConnectionHost.Props(TimeSpan.Zero));
        host.Tell(new StartConnection(Props.Create(() => new Fragile(TestActor))));
        var connection = await ExpectMsgAsync<IActorRef>(Patience);
        Watch(connection);

        connection.Tell("boom");

        await ExpectTerminatedAsync(connection, Patience);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }
}
