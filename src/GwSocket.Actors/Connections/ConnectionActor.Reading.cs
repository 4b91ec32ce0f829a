using System.Buffers;
using Akka.Actor;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Telemetry;
using Akka.Event;
using GwSocket.Protocol;
using static GwSocket.Actors.Connections.ConnectionSignals;
using PipeReadResult = System.IO.Pipelines.ReadResult;

namespace GwSocket.Actors.Connections;

internal sealed partial class ConnectionActor : IMessageHandler
{
    private static readonly byte[] EmptyClose = FrameEncoder.Encode(Opcode.Close, ReadOnlySpan<byte>.Empty);

    private readonly MessageReader _reader;
    private Action? _onBytesReady;
    private ValueTask<PipeReadResult> _pendingRead;

    /// <summary>
    /// One read outstanding. While the client is idle it waits inside the transport's pipe, which holds no buffer
    /// for it; its completion only tells the actor, which takes the bytes on its own thread (<see cref="OnBytesReady"/>).
    /// </summary>
    private void ReadNext()
    {
        System.Diagnostics.Debug.Assert(_pendingRead == default, "one read at a time");
        _pendingRead = _input.ReadAsync();
        if (_pendingRead.IsCompleted)
            _self.Tell(BytesReady.Instance);
        else
            _pendingRead.GetAwaiter().UnsafeOnCompleted(_onBytesReady ??= () => _self.Tell(BytesReady.Instance));
    }

    private void OnBytesReady()
    {
        var read = _pendingRead;
        _pendingRead = default;
        PipeReadResult result;
        try
        {
            result = read.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            Log.Debug("client {0}: read failed: {1}", _clientId, e.Message);
            Finish();
            return;
        }
        Consume(result.Buffer);
        _input.AdvanceTo(result.Buffer.End);
        // After a protocol failure or the client's close frame, nothing more is read.
        if (_failed || _reader.CloseReceived || _finished)
            return;
        if (result.IsCompleted)
            Finish();
        else
            ReadNextWhenAllowed();
    }

    /// <summary>Decodes the frames straight from the pipe's buffers; the decoder keeps what it needs of a partial frame.</summary>
    private void Consume(in ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsEmpty)
            return;
        OnSignOfLife();
        foreach (var segment in bytes)
        {
            var result = _reader.Read(segment.Span, this);
            if (result.Failed)
            {
                Fail(result);
                return;
            }
            if (_reader.CloseReceived)
                return;
        }
    }

    void IMessageHandler.OnMessage(Opcode type, ReadOnlySpan<byte> payload)
    {
        if (_closeSent)
            return;
        _counters.MessageIn(type, payload.Length);
        if (_reader.MessageCompressedLength > 0)
            _counters.InflatedIn(_reader.MessageCompressedLength, payload.Length);
        if (_settings.EchoMode)
            Enqueue(EchoFrame(type, payload));
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
