using System.IO.Pipelines;
using Akka.Actor;
using Akka.Event;
using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using PipeReadResult = System.IO.Pipelines.ReadResult;

namespace GwSocket.Actors.NetworkPipes;

/// <summary>
/// One upgraded network pipe connection. Reading: the payloads of its messages are this producer's pipe-in stream;
/// what one read of the socket completes goes to the router as one <see cref="PipeInBatch"/>, and the socket is not
/// read again until the router acknowledged it (the clients have room), so a producer is held back as a FIFO writer
/// is; with <c>ack=1</c> the router acknowledges once every node has handed the batch's records to its clients, and
/// the producer is then told how many of its bytes that makes. Writing, when it asked for events:
/// its <see cref="PipeWatcher"/>'s queue, as binary messages. It answers pings, closes with 1007/1008 on a bad record
/// (header logged in hex), 1001 when the node stops.
/// </summary>
internal sealed partial class NetworkPipeConnection : IMessageHandler
{
    /// <summary>Records queued for a watcher go out in messages of about this size.</summary>
    private const int EventsMessageSize = 64 * 1024;

    /// <summary>Bytes of the socket decoded into one batch at most, as one read of a FIFO: a batch waits for room in every client's queue.</summary>
    private const int BatchInput = PipeInSettings.StrictReadSize;

    private readonly IDuplexPipe _transport;
    private readonly NetworkPipeSettings _settings;
    private readonly IActorRef _router;
    private readonly string _peer;
    private readonly bool _acknowledge;
    private readonly ILoggingAdapter _log;
    private readonly NetworkPipeTotals _totals;
    private readonly NetworkPipeDecoder _decoder;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly List<byte[]> _pongs = [];
    private ushort? _peerCloseCode;

    /// <summary>Payload bytes of the messages handed to the decoder, and of those the router has acknowledged.</summary>
    private long _taken;
    private long _acknowledged;

    public NetworkPipeConnection(IDuplexPipe transport, NetworkPipeSettings settings, IActorRef router, string peer, bool acknowledge, ILoggingAdapter log, NetworkPipeTotals totals)
    {
        _acknowledge = acknowledge;
        _transport = transport;
        _settings = settings;
        _router = router;
        _peer = peer;
        _log = log;
        _totals = totals;
        _decoder = new NetworkPipeDecoder(settings.Strict, settings.MaxPayload, totals);
    }

    /// <summary>Serves the connection until either side closes it or <paramref name="stopping"/> (the node stops).</summary>
    public async Task RunAsync(ActorSystem system, NetworkPipeQuery query, CancellationToken stopping)
    {
        var watch = query.Events;
        _totals.Opened(watch);
        _log.Info("network pipe: {0} connected ({1})", _peer, watch ? "producer and watcher" : "producer");
        using var over = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        IActorRef? watcher = null;
        try
        {
            PipeOutQueue? queue = null;
            var queued = new SemaphoreSlim(0);
            var subscribed = Task.CompletedTask;
            if (watch)
            {
                queue = new PipeOutQueue(_settings.WatcherMaxQueuedBytes);
                var subscription = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                watcher = system.ActorOf(PipeWatcher.Props(_settings.Strict, query.Snapshot, _router, queue, queued, _totals, subscription));
                subscribed = subscription.Task;
            }
            var serving = await SubscribedAsync(subscribed, stopping);
            await SendSwitchingProtocolsAsync();
            if (!serving)
            {
                await FinishAsync(Closing.Send(CloseCodes.GoingAway, "node stopping"));
                return;
            }
            var writing = queue is null ? Task.CompletedTask : WriteEventsAsync(queue, queued, over);
            var close = await ReadAsync(over.Token, stopping);
            await over.CancelAsync();
            await writing;
            await FinishAsync(close);
        }
        finally
        {
            if (watcher is not null)
                system.Stop(watcher);
            _decoder.Dispose();
            _totals.Closed(watch);
            _log.Info("network pipe: {0} disconnected", _peer);
        }
    }

    public void OnMessage(Opcode type, ReadOnlySpan<byte> payload)
    {
        _taken += payload.Length;
        _decoder.Decode(payload);
    }

    public void OnPing(ReadOnlySpan<byte> payload) => _pongs.Add(FrameEncoder.Encode(Opcode.Pong, payload));

    public void OnPong(ReadOnlySpan<byte> payload)
    {
    }

    public void OnClose(ushort? code, string reason) => _peerCloseCode = code;

    /// <summary>False when the node stops before the watcher is subscribed.</summary>
    private static async Task<bool> SubscribedAsync(Task subscribed, CancellationToken stopping)
    {
        try
        {
            await subscribed.WaitAsync(stopping);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// The 101 the upgrade left unflushed in the transport goes out now, with a watcher subscribed: every client
    /// event after a watcher has its 101 reaches it. A peer already gone is found by the first read.
    /// </summary>
    private async Task SendSwitchingProtocolsAsync()
    {
        try
        {
            await _transport.Output.FlushAsync();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            // Gone before the 101: the read that follows ends the connection.
        }
    }

    /// <summary>Reads until the connection ends; returns how to close it.</summary>
    private async Task<Closing> ReadAsync(CancellationToken over, CancellationToken stopping)
    {
        using var reader = new MessageReader(_settings.MaxMessageSize);
        var input = _transport.Input;
        while (true)
        {
            PipeReadResult read;
            try
            {
                read = await input.ReadAsync(over);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return Closing.Send(CloseCodes.GoingAway, "node stopping");
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                return LostConnection();
            }
            var result = Protocol.ReadResult.Ok;
            var batch = read.Buffer.Slice(0, Math.Min(read.Buffer.Length, BatchInput));
            foreach (var segment in batch)
            {
                result = reader.Read(segment.Span, this);
                if (result.Failed || reader.CloseReceived || _decoder.Error is not null)
                    break;
            }
            // What is left of a large read is taken by the next ReadAsync, once this batch is acknowledged.
            input.AdvanceTo(batch.End);
            if (!await DeliverAsync(_decoder.TakeDeliveries(), over) || !await SendPongsAsync() || !await AcknowledgeAsync())
                return stopping.IsCancellationRequested ? Closing.Send(CloseCodes.GoingAway, "node stopping") : LostConnection();
            if (_decoder.Error is { } error)
                return Rejected(error);
            if (result.Failed)
                return Closing.Send(result.CloseCode, result.Error ?? "protocol error");
            if (reader.CloseReceived)
                return Closing.Answer(_peerCloseCode ?? CloseCodes.NormalClosure);
            if ((read.IsCompleted || read.IsCanceled) && batch.Length == read.Buffer.Length)
                return LostConnection();
        }
    }

    /// <summary>False when the wait was given up (the connection or the node is going away).</summary>
    private async Task<bool> DeliverAsync(List<Delivery> deliveries, CancellationToken over)
    {
        if (deliveries.Count == 0)
            return true;
        try
        {
            await _router.Ask<RouterStreamProtocol.Ack>(new PipeInBatch(deliveries, AckOnceHandedOn: _acknowledge), over);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private Closing LostConnection()
    {
        if (_decoder.InsideRecord)
        {
            _totals.PartialRecordDiscarded();
            _log.Warning("network pipe: {0} went away in the middle of a record; the partial record was discarded", _peer);
        }
        return Closing.None;
    }

    private Closing Rejected(NetworkPipeDecodeError error)
    {
        _totals.DecodeError();
        _log.Error("network pipe: {0}: {1} (header {2}); closing that producer with {3}", _peer, error.Error, error.HeaderHex, error.CloseCode);
        return Closing.Send(error.CloseCode, error.Error);
    }

    /// <summary>How the connection ends: a close frame to send (ours, or the answer to the peer's), or none when the peer is gone.</summary>
    private readonly record struct Closing(ushort? Code, string Reason, bool PeerClosed)
    {
        public static Closing None => default;

        public static Closing Send(ushort code, string reason) => new(code, reason, false);

        public static Closing Answer(ushort code) => new(code, "", true);
    }
}
