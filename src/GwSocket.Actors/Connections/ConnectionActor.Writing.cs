using Akka.Actor;
using Akka.Event;
using static GwSocket.Actors.Connections.ConnectionSignals;

namespace GwSocket.Actors.Connections;

public sealed partial class ConnectionActor
{
    private readonly OutboundQueue _outbound = new();
    private readonly Func<object> _onWrite;
    private readonly Func<Exception, object> _onWriteFailure;
    private OutboundBatch? _inFlight;

    private void Enqueue(byte[] frame)
    {
        if (_closeSent)
            return;
        _outbound.Enqueue(frame);
        WriteNext();
    }

    private void EnqueuePong(byte[] pong)
    {
        _outbound.EnqueuePong(pong);
        WriteNext();
    }

    /// <summary>
    /// Queues the close frame; nothing is sent after it. Whoever closed first, the connection ends
    /// within the close timeout, even when a client that stopped reading keeps the close frame from being written.
    /// </summary>
    private void SendClose(byte[] closeFrame)
    {
        _outbound.Enqueue(closeFrame);
        _closeSent = true;
        Timers.StartSingleTimer(nameof(CloseTimeout), CloseTimeout.Instance, _settings.CloseTimeout);
        WriteNext();
    }

    private void WriteNext()
    {
        if (_inFlight is not null || _outbound.IsEmpty || _finished)
            return;
        var batch = _outbound.TakeBatch();
        _inFlight = batch;
        WriteAndFlush(_transport, batch.Bytes).PipeTo(Self, success: _onWrite, failure: _onWriteFailure);
    }

    private static async Task WriteAndFlush(Stream transport, ReadOnlyMemory<byte> bytes)
    {
        await transport.WriteAsync(bytes).ConfigureAwait(false);
        await transport.FlushAsync().ConfigureAwait(false);
    }

    private void OnWriteCompleted()
    {
        ReleaseInFlight();
        if (!_outbound.IsEmpty)
        {
            WriteNext();
            return;
        }
        // The close frame is on its way: a failed or answered connection ends here.
        if (_closeSent && (_failed || _reader.CloseReceived))
            Finish();
    }

    private void OnWriteFailed(WriteFailed failed)
    {
        ReleaseInFlight();
        _log.Debug("client {0}: write failed: {1}", _clientId, failed.Cause.Message);
        Finish();
    }

    private void ReleaseInFlight()
    {
        if (_inFlight is { } batch)
            OutboundQueue.Release(batch);
        _inFlight = null;
    }
}
