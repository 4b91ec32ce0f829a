using System.Buffers;
using System.Globalization;
using System.Text;
using Akka.Event;
using GwSocket.Actors.Pipes;
using GwSocket.Protocol;
using GwSocket.Protocol.Pipes;

namespace GwSocket.Actors.NetworkPipes;

/// <summary>The writing side: events to a watcher, pongs, the close handshake. One writer at a time on the transport.</summary>
internal sealed partial class NetworkPipeConnection
{
    private async Task WriteEventsAsync(PipeOutQueue queue, SemaphoreSlim queued, CancellationTokenSource over)
    {
        var message = new ArrayBufferWriter<byte>(EventsMessageSize + 1024);
        var snapshotEnd = FrameEncoder.Encode(Opcode.Text, Encoding.ASCII.GetBytes(SnapshotEnd.Format(_settings.Strict)));
        try
        {
            while (true)
            {
                await queued.WaitAsync(over.Token);
                while (Gather(queue, message) is var (count, endsSnapshot) && (count > 0 || endsSnapshot))
                {
                    if ((count > 0 && !await WriteAsync(FrameEncoder.Encode(Opcode.Binary, message.WrittenSpan), over.Token))
                        || (endsSnapshot && !await WriteAsync(snapshotEnd, over.Token)))
                    {
                        await over.CancelAsync();
                        return;
                    }
                    _totals.RecordsOut(count);
                    message.ResetWrittenCount();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection is ending.
        }
    }

    /// <summary>
    /// Moves queued records into <paramref name="message"/> up to its size, or up to the end of the snapshot; returns
    /// how many, and whether the end of the snapshot follows them.
    /// </summary>
    private (int Count, bool EndsSnapshot) Gather(PipeOutQueue queue, ArrayBufferWriter<byte> message)
    {
        var count = 0;
        while (message.WrittenCount < EventsMessageSize && queue.Peek() is { } record)
        {
            var endsSnapshot = PipeWatcher.IsSnapshotEnd(record);
            if (!endsSnapshot)
            {
                message.Write(record);
                count++;
            }
            if (queue.RemoveHead() is var dropped and > 0)
                _log.Warning("network pipe: watcher {0} caught up after {1} records were dropped for it", _peer, dropped);
            if (endsSnapshot)
                return (count, true);
        }
        return (count, false);
    }

    /// <summary>With <c>ack=1</c>, and once what was taken has been delivered: how many payload bytes that is, as a text message.</summary>
    private async Task<bool> AcknowledgeAsync()
    {
        if (!_acknowledge || _taken == _acknowledged || _decoder.Error is not null)
            return true;
        _acknowledged = _taken;
        return await WriteAsync(FrameEncoder.Encode(Opcode.Text, Encoding.ASCII.GetBytes(_taken.ToString(CultureInfo.InvariantCulture))), CancellationToken.None);
    }

    private async Task<bool> SendPongsAsync()
    {
        foreach (var pong in _pongs)
        {
            if (!await WriteAsync(pong, CancellationToken.None))
                return false;
        }
        _pongs.Clear();
        return true;
    }

    /// <summary>Sends the close frame, then waits (bounded) for the peer's when it was ours, so that it reaches the peer before the socket closes.</summary>
    private async Task FinishAsync(Closing close)
    {
        if (close.Code is not { } code)
            return;
        var reason = close.Reason.Length > FrameEncoder.MaxCloseReasonBytes ? close.Reason[..FrameEncoder.MaxCloseReasonBytes] : close.Reason;
        using var patience = new CancellationTokenSource(_settings.CloseTimeout);
        if (!await WriteAsync(FrameEncoder.EncodeClose(code, reason), patience.Token) || close.PeerClosed)
            return;
        try
        {
            while (true)
            {
                var read = await _transport.Input.ReadAsync(patience.Token);
                _transport.Input.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted || read.IsCanceled)
                    return;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The peer did not answer in time, or is gone.
        }
    }

    /// <summary>False when the peer is gone or <paramref name="cancellation"/> gave up on it (a watcher that does not read).</summary>
    private async Task<bool> WriteAsync(byte[] frame, CancellationToken cancellation)
    {
        try
        {
            await _writeLock.WaitAsync(cancellation);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        try
        {
            var flush = await _transport.Output.WriteAsync(frame, cancellation);
            return !flush.IsCompleted && !flush.IsCanceled;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
