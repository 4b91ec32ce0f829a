using Akka.Actor;
using Akka.Event;
using Akka.Streams;

namespace GwSocket.Actors.Pipes;

/// <summary>
/// Owns the pipe-in stream (<see cref="PipeInGraph"/>): starts it, restarts it with a backoff when it
/// fails, stops it (also when its reader waits for a writer) when the actor stops, and keeps its counters.
/// When the actor itself throws, its parent restarts it (Akka's default, logged with the stack): the stream is
/// stopped and the pipe read again, and nothing else is lost: the counters and the materializer live in its props,
/// and the router knows no more of pipe-in than the stream it acknowledges. A batch read but not decoded may be lost.
/// </summary>
public sealed class PipeIngest : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly PipeInSettings _settings;
    private readonly IActorRef _router;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Incarnations _incarnations;
    private readonly PipeIngestStatistics _statistics;
    private readonly CancellationTokenSource _stopped = new();
    private PipeInReader? _reader;
    private int _generation;
    private int _failuresInARow;
    private DateTime _startedAt;

    private PipeIngest(PipeInSettings settings, IActorRef router, Incarnations incarnations)
    {
        _settings = settings;
        _router = router;
        _incarnations = incarnations;
        _statistics = incarnations.Statistics;
        Receive<PipeInStreamEnded>(OnStreamEnded);
        Receive<PipeInStreamFailed>(OnStreamFailed);
        Receive<RestartPipeInStream>(_ => StartStream());
        Receive<GetPipeIngestCounters>(_ => Sender.Tell(_statistics.Snapshot(_settings.ReadsStandardInput ? PipeIngestCounters.StandardInput : PipeIngestCounters.Fifo)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(PipeInSettings settings, IActorRef router) => Akka.Actor.Props.CreateBy(new Incarnations(settings, router));

    /// <summary>
    /// Creates the FIFO when missing; a path that is not one throws <see cref="PipeSetupException"/>. Lets a
    /// server check its pipes before it starts anything; <see cref="Create"/> does it too.
    /// </summary>
    public static void EnsureFifo(PipeInSettings settings)
    {
        if (settings.FifoPath is { } path)
            NamedPipe.Ensure(path, PipeInSettings.Option);
    }

    /// <summary>
    /// Creates the FIFO when missing (a path that is not one throws <see cref="PipeSetupException"/>
    /// right here, at startup), then starts the actor.
    /// </summary>
    public static IActorRef Create(IActorRefFactory factory, PipeInSettings settings, IActorRef router, string name = "pipe-in")
    {
        EnsureFifo(settings);
        return factory.ActorOf(Props(settings, router), name);
    }

    protected override void PreStart()
    {
        // Not a child materializer: a child blocked in a read would keep this actor from stopping,
        // and PostStop, which unblocks it, runs only after the children have stopped.
        _incarnations.Materializer ??= Context.System.Materializer(namePrefix: "pipe-in");
        StartStream();
    }

    /// <summary>The failed incarnation's stream stops; the materializer stays for the next one's.</summary>
    protected override void PreRestart(Exception reason, object message)
    {
        _stopped.Cancel();
        _reader?.Cancel();
    }

    protected override void PostStop()
    {
        _stopped.Cancel();
        _reader?.Cancel();
        _incarnations.Materializer?.Shutdown();
        _incarnations.Materializer = null;
    }

    private void StartStream()
    {
        var generation = ++_generation;
        _startedAt = DateTime.UtcNow;
        var reader = _settings.FifoPath is { } path
            ? PipeInReader.ForFifo(path, PipeInSettings.Option, _settings.ReadSize, _log)
            : PipeInReader.ForStandardInput(_settings.ReadSize);
        IPipeInDecoder decoder = _settings.Strict
            ? new StrictPipeDecoder(_settings.MaxPayload, reader.Abandon, _statistics, _log)
            : new StandardPipeDecoder(_statistics);
        _reader = reader;
        var self = Self;
        var stopped = _stopped.Token;
        // Not PipeTo: a stream stopped with this actor would only make a dead letter.
        PipeInGraph.Run(reader, decoder, _router, _incarnations.Materializer!).ContinueWith(
            run =>
            {
                if (stopped.IsCancellationRequested)
                    return;
                self.Tell(run.Exception is { } failure
                    ? new PipeInStreamFailed(generation, failure.GetBaseException())
                    : new PipeInStreamEnded(generation));
            },
            TaskScheduler.Default);
    }

    private void OnStreamEnded(PipeInStreamEnded ended)
    {
        if (ended.Generation != _generation)
            return;
        _reader?.Cancel();
        if (_settings.ReadsStandardInput)
            _log.Info("pipe-in: standard input has ended; no more messages will come from it");
        else
            RestartLater(new InvalidOperationException("the FIFO reader stopped"));
    }

    private void OnStreamFailed(PipeInStreamFailed failed)
    {
        if (failed.Generation != _generation)
            return;
        // The stream can fail downstream while its reader still waits for a writer: release it before starting another.
        _reader?.Cancel();
        RestartLater(failed.Cause);
    }

    private void RestartLater(Exception cause)
    {
        _failuresInARow = DateTime.UtcNow - _startedAt > MaxBackoff ? 1 : _failuresInARow + 1;
        var backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, MinBackoff.Ticks << Math.Min(_failuresInARow - 1, 16)));
        _log.Error(cause, "pipe-in: the stream failed: {0}; restarting it in {1:0.0} s", cause.Message, backoff.TotalSeconds);
        _statistics.AddStreamRestart();
        Timers.StartSingleTimer(RestartPipeInStream.Instance, RestartPipeInStream.Instance, backoff);
    }

    /// <summary>Makes every incarnation of one pipe-in, and holds what they share: the counters and the materializer.</summary>
    private sealed class Incarnations(PipeInSettings settings, IActorRef router) : IIndirectActorProducer
    {
        public PipeIngestStatistics Statistics { get; } = new();

        public ActorMaterializer? Materializer { get; set; }

        public Type ActorType => typeof(PipeIngest);

        public ActorBase Produce() => new PipeIngest(settings, router, this);

        public void Release(ActorBase actor)
        {
        }
    }
}
