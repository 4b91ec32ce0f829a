using System.IO.Pipelines;
using ReadResult = GwSocket.Protocol.ReadResult;
using Akka.Actor;
using Akka.Event;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Telemetry;
using GwSocket.Protocol;
using GwSocket.Protocol.Compression;
using static GwSocket.Actors.Connections.ConnectionSignals;

namespace GwSocket.Actors.Connections;

/// <summary>
/// One WebSocket client after the HTTP upgrade. The actor owns the connection's framing state:
/// the incremental decoder, the outbound queue and the close handshake. One read is outstanding
/// at a time and its completion comes back as a message, which is the back-pressure from the network.
/// Partial files: reading, writing, keepalive, compression.
/// </summary>
internal sealed partial class ConnectionActor : UntypedActor
{
    private readonly PipeReader _input;
    private readonly ConnectionOutput _output;
    private readonly ClientEndpoint _client;
    private readonly ConnectionSettings _settings;
    private readonly IActorRef _router;
    private readonly TaskCompletionSource _completed;

    // Created on first use: a logger per actor (adapter and source string) is memory most connections never log with.
    private ILoggingAdapter? _log;
    private IActorRef _self = ActorRefs.Nobody;
    private uint _clientId;
    private CloseConnection? _closeBeforeRegistration;

    private bool _closeSent;
    private bool _failed;
    private bool _finished;

    /// <param name="deflate">What the handshake agreed on for permessage-deflate; null when the connection goes uncompressed.</param>
    public ConnectionActor(
        PipeReader input, ConnectionOutput output, ClientEndpoint client, ConnectionSettings settings, IActorRef router, TaskCompletionSource completed,
        PerMessageDeflate? deflate = null)
    {
        _input = input;
        _output = output;
        _client = client;
        _settings = settings;
        _router = router;
        _completed = completed;
        _deflate = deflate;
        _reader = new MessageReader(settings.MaxMessageSize, perMessageDeflate: deflate is not null);
        _counters = GwSocketBroker.Get(Context.System).Counters.Connections;
        _tally = _counters.Outbound.Register();
    }

    private ILoggingAdapter Log => _log ??= Context.GetLogger();

    /// <summary>
    /// The actor reads <paramref name="input"/>, writes <paramref name="output"/> and completes <paramref name="completed"/>
    /// when the connection is over; the listener awaits it and then closes the socket. The output's first write, the
    /// listener's 101, goes once the router has registered the connection.
    /// </summary>
    public static Props Props(
        PipeReader input, ConnectionOutput output, ClientEndpoint client, ConnectionSettings settings, IActorRef router, TaskCompletionSource completed,
        PerMessageDeflate? deflate = null) =>
        new ConnectionProps(input, output, client, settings, router, completed, deflate);

    protected override void PreStart()
    {
        // The I/O callbacks run on the transport's threads: they only tell the actor, which they reach through this.
        _self = Self;
        _router.Tell(new RegisterConnection(_self, _client));
    }

    protected override void PostStop()
    {
        _router.Tell(new ConnectionStopped(Self));
        _awaitingPong?.Remove(_self);
        _closeTimeout?.Cancel();
        _reader.Dispose();
        ReleaseTelemetry();
        _completed.TrySetResult();
    }

    // One switch instead of ReceiveActor's handler tables, and no Become: each of them is built per actor,
    // kilobytes allocated per connection, and Become moves the cell to its larger state.
    protected override void OnReceive(object message)
    {
        if (Registered)
            Open(message);
        else
            Registering(message);
    }

    /// <summary>Client ids are never 0, so an id means the router has registered the connection.</summary>
    private bool Registered => _clientId != 0;

    /// <summary>
    /// Before the router's answer only a close can matter (carried out once registered); the host's keepalive ticks
    /// have nothing to check yet, and frames come from the router only after its answer.
    /// </summary>
    private void Registering(object message)
    {
        switch (message)
        {
            case ConnectionRegistered registered:
                _clientId = registered.ClientId;
                _counters.Opened();
                // The 101 goes out now, not before: a client that has it is one the router sends pipe-in's records to.
                if (_output.StartResponse())
                {
                    AfterStart();
                    if (_finished)
                        return;
                }
                if (_closeBeforeRegistration is { } requested)
                    StartClosing(requested.Code, requested.Reason);
                ReadNext();
                break;
            case CloseConnection close:
                _closeBeforeRegistration ??= close;
                break;
            default:
                System.Diagnostics.Debug.Assert(message is KeepaliveTick, $"{message.GetType().Name} before registration");
                break;
        }
    }

    private void Open(object message)
    {
        switch (message)
        {
            case BytesReady:
                OnBytesReady();
                break;
            case FlushCompleted:
                OnFlushCompleted();
                break;
            case WriteQueued:
                OnWriteQueued();
                break;
            case SendFrames frames:
                Enqueue(frames);
                break;
            case ReportWhenDrained:
                OnReportWhenDrained();
                break;
            case ClientTooSlow:
                OnTooSlow();
                break;
            case ResumeReading:
                OnResumeReading();
                break;
            case CloseConnection close:
                StartClosing(close.Code, close.Reason);
                break;
            case KeepaliveTick tick:
                OnKeepaliveTick(tick.Pongs);
                break;
            case PongTimeout:
                OnPongTimeout();
                break;
            case CloseTimeout:
                OnCloseTimeout();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>Server-initiated close: send the close frame and wait (bounded) for the client's.</summary>
    private void StartClosing(ushort code, string reason)
    {
        if (_closeSent)
            return;
        SendClose(FrameEncoder.EncodeClose(code, reason));
    }

    /// <summary>The client broke the protocol: send the close code and drop the connection once it is written.</summary>
    private void Fail(ReadResult failure)
    {
        Log.Info("client {0} ({1}) failed the protocol: {2}; closing with {3}", _clientId, _client.RemoteIp, failure.Error, failure.CloseCode);
        _failed = true;
        _counters.ProtocolError();
        if (_closeSent)
        {
            FinishUnlessWriting();
            return;
        }
        SendClose(FrameEncoder.EncodeClose(failure.CloseCode, failure.Error ?? string.Empty));
    }

    private void OnCloseTimeout()
    {
        Log.Debug("client {0} did not answer the close frame in time", _clientId);
        Finish();
    }

    /// <summary>Finish now, or, with a write in flight, once it completes (OnWriteCompleted), so the close frame is not cut.</summary>
    private void FinishUnlessWriting()
    {
        if (!_flushing)
            Finish();
    }

    /// <summary>The connection is over: stop the actor, which lets the HTTP layer close the socket.</summary>
    private void Finish()
    {
        if (_finished)
            return;
        _finished = true;
        Context.Stop(Self);
    }
}
