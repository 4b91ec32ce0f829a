using System.Buffers;
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
    private readonly Func<int, object> _onRead;
    private readonly Func<int, object> _onBytesReady;
    private readonly Func<Exception, object> _onReadFailure;
    private byte[]? _readBuffer;

    /// <summary>
    /// Waits for bytes with a zero-byte read, so that an idle connection holds no read buffer; one is
    /// rented only to take what has arrived. A transport without zero-byte reads just answers at once.
    /// </summary>
    private void ReadNext() =>
        _transport.ReadAsync(Memory<byte>.Empty).AsTask().PipeTo(Self, success: _onBytesReady, failure: _onReadFailure);

    private void OnBytesReady()
    {
        _readBuffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        var read = _transport.ReadAsync(_readBuffer);
        if (read.IsCompletedSuccessfully)
            OnReadCompleted(new ReadCompleted(read.Result));
        else
            read.AsTask().PipeTo(Self, success: _onRead, failure: _onReadFailure);
    }

    private void OnReadCompleted(ReadCompleted read)
    {
        var buffer = _readBuffer!;
        _readBuffer = null;
        try
        {
            Consume(buffer.AsSpan(0, read.Count));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Consume(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            Finish();
            return;
        }
        _lastReceivedAt = Environment.TickCount64;
        var result = _reader.Read(bytes, this);
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
        Log.Debug("client {0}: read failed: {1}", _clientId, failed.Cause.Message);
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
