using Akka.Actor;
using Akka.Event;
using GwSocket.Actors.Routing;
using GwSocket.Protocol.Pipes;

namespace GwSocket.Actors.Pipes;

/// <summary>
/// Writes what happens to clients to pipe-out: in strict mode gwsocket's open, message and close
/// records; in standard mode the raw payloads of client messages. The actor only queues; a
/// <see cref="PipeOutWriter"/> writes. Every open queued gets its close, beyond the queue's bound if
/// need be (12 bytes per connected client), and when the actor stops, every client still open gets it.
/// When the actor throws, its parent restarts it (Akka's default, logged with the stack) with what it knew: the
/// writer with its queue and the clients whose open was written live in its props, and its subscription stands, so
/// only the event being handled is lost. A fresh start would write closes for live clients and then drop their
/// messages, since the router tells a subscriber it already has about no client again.
/// </summary>
public sealed class PipeOut : ReceiveActor
{
    private readonly PipeOutSettings _settings;
    private readonly IActorRef _router;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Incarnations _incarnations;
    private readonly HashSet<uint> _openClients;

    private PipeOut(PipeOutSettings settings, IActorRef router, Incarnations incarnations)
    {
        _settings = settings;
        _router = router;
        _incarnations = incarnations;
        _openClients = incarnations.OpenClients;
        Receive<ClientOpened>(OnOpened);
        Receive<ClientMessage>(OnMessage);
        Receive<ClientClosed>(OnClosed);
        Receive<GetPipeOutCounters>(_ => Sender.Tell(Writer.Counters));
    }

    /// <summary>Started with the first incarnation, before any message.</summary>
    private PipeOutWriter Writer => _incarnations.Writer!;

    public static Props Props(PipeOutSettings settings, IActorRef router) => Akka.Actor.Props.CreateBy(new Incarnations(settings, router));

    /// <summary>
    /// Creates the FIFO when missing; a path that is not one throws <see cref="PipeSetupException"/>. Lets a
    /// server check its pipes before it starts anything; <see cref="Create"/> does it too.
    /// </summary>
    public static void EnsureFifo(PipeOutSettings settings)
    {
        if (settings.FifoPath is { } path)
            NamedPipe.Ensure(path, PipeOutSettings.Option);
    }

    /// <summary>
    /// Creates the FIFO when missing (a path that is not one throws <see cref="PipeSetupException"/>
    /// right here, at startup), then starts the actor.
    /// </summary>
    public static IActorRef Create(IActorRefFactory factory, PipeOutSettings settings, IActorRef router, string name = "pipe-out")
    {
        EnsureFifo(settings);
        return factory.ActorOf(Props(settings, router), name);
    }

    protected override void PreStart()
    {
        var target = _settings.FifoPath is { } path ? PipeOutTarget.ForFifo(path) : PipeOutTarget.ForStandardOutput();
        _incarnations.Writer = new PipeOutWriter(new PipeOutQueue(_settings.MaxQueuedBytes), target, _settings.ReaderRetryInterval, ClientMessageGate.Get(Context.System), _log);
        _incarnations.Writer.Start();
        _router.Tell(new SubscribeClientEvents(Self));
    }

    /// <summary>A restart keeps the writer, the open clients and the subscription of the failed incarnation.</summary>
    protected override void PreRestart(Exception reason, object message)
    {
    }

    protected override void PostRestart(Exception reason)
    {
    }

    protected override void PostStop()
    {
        if (_incarnations.Writer is not { } writer)
            return;
        foreach (var clientId in _openClients)
            writer.Enqueue(StrictRecordEncoder.Close(clientId), keepBeyondBound: true);
        _openClients.Clear();
        writer.Stop(_settings.FlushTimeout);
    }

    private void OnOpened(ClientOpened opened)
    {
        if (_settings.Strict && Write(StrictRecordEncoder.Open(opened.ClientId, opened.RemoteIp)))
            _openClients.Add(opened.ClientId);
    }

    /// <summary>In strict mode only for clients whose open was queued, so a reader never sees a client it was not told about.</summary>
    private void OnMessage(ClientMessage message)
    {
        if (!_settings.Strict)
        {
            if (message.Payload.Length > 0)
                Write(message.Payload);
            return;
        }
        var record = StrictRecordEncoder.Message(message.ClientId, message.Type, message.Payload);
        if (_openClients.Contains(message.ClientId))
            Write(record);
        else
            Writer.CountDropped(record);
    }

    private void OnClosed(ClientClosed closed)
    {
        if (_openClients.Remove(closed.ClientId))
            Writer.Enqueue(StrictRecordEncoder.Close(closed.ClientId), keepBeyondBound: true);
    }

    /// <summary>True when queued; false when dropped because too much is already waiting.</summary>
    private bool Write(byte[] record)
    {
        var outcome = Writer.Enqueue(record);
        if (outcome == EnqueueOutcome.DroppingStarted)
        {
            _log.Warning("pipe-out: nobody is reading {0} fast enough and {1} bytes are queued; records are dropped (and counted) until the queue drains",
                _settings.FifoPath ?? "standard output", _settings.MaxQueuedBytes);
        }
        return outcome is EnqueueOutcome.Queued or EnqueueOutcome.QueuedIntoEmpty;
    }

    /// <summary>Makes every incarnation of one pipe-out, and holds what they share: the writer and the clients whose open was written.</summary>
    private sealed class Incarnations(PipeOutSettings settings, IActorRef router) : IIndirectActorProducer
    {
        public PipeOutWriter? Writer { get; set; }

        public HashSet<uint> OpenClients { get; } = [];

        public Type ActorType => typeof(PipeOut);

        public ActorBase Produce() => new PipeOut(settings, router, this);

        public void Release(ActorBase actor)
        {
        }
    }
}
