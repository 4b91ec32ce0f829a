using Akka.Actor;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Telemetry;
using Akka.Event;
using GwSocket.Protocol;
using static GwSocket.Actors.Connections.ConnectionSignals;

namespace GwSocket.Actors.Connections;

public sealed partial class ConnectionActor : IMessageHandler
{
    private const int ReadBufferSize = 8 * 1024;

    private static readonly byte[] EmptyClose = FrameEncoder.Encode(Opcode.Close, ReadOnlySpan<byte>.Empty);

    private readonly MessageReader _reader;
    private readonly byte[] _readBuffer = new byte[ReadBufferSize];
    private readonly Func<int, object> _onRead;
    private readonly Func<Exception, object> _onReadFailure;

    private void ReadNext() =>
        _transport.ReadAsync(_readBuffer).AsTask().PipeTo(Self, success: _onRead, failure: _onReadFailure);

    private void OnReadCompleted(ReadCompleted read)
    {
        if (read.Count == 0)
        {
            Finish();
            return;
        }
        _lastReceivedAt = Environment.TickCount64;
        var result = _reader.Read(_readBuffer.AsSpan(0, read.Count), this);
        if (result.Failed)
        {
            Fail(result);
            return;
        }
        if (_reader.CloseReceived)
            return;
        ReadNext();
    }

    private void OnReadFailed(ReadFailed failed)
    {
        _log.Debug("client {0}: read failed: {1}", _clientId, failed.Cause.Message);
        Finish();
    }

    void IMessageHandler.OnMessage(Opcode type, ReadOnlySpan<byte> payload)
    {
        if (_closeSent)
            return;
        ConnectionCounters.MessageIn(type, payload.Length);
        if (_settings.EchoMode)
            Enqueue(FrameEncoder.Encode(type, payload));
        else
            _router.Tell(new ClientMessage(_clientId, type, payload.ToArray()));
    }

    void IMessageHandler.OnPing(ReadOnlySpan<byte> payload)
    {
        if (!_closeSent)
            EnqueuePong(FrameEncoder.Encode(Opcode.Pong, payload));
    }

    void IMessageHandler.OnPong(ReadOnlySpan<byte> payload)
    {
        // Any bytes from the client already prove it alive; an unsolicited pong needs no answer.
    }

    void IMessageHandler.OnClose(ushort? code, string reason)
    {
        if (_closeSent)
        {
            // Our close may still be on its way; OnWriteCompleted finishes once it is written.
            FinishUnlessWriting();
            return;
        }
        // Echo the client's status, as RFC 6455 5.5.1 suggests, then close TCP once it is written.
        SendClose(code is { } status ? FrameEncoder.EncodeClose(status) : EmptyClose);
    }
}
