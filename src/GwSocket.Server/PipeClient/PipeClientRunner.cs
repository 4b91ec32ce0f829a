using System.Buffers;
using System.Globalization;
using System.Text;
using System.Net.WebSockets;
using System.Threading.Channels;
using GwSocket.Protocol.Pipes;

namespace GwSocket.Server.PipeClient;

/// <summary>
/// <c>gwsocket pipe</c>: stdin goes to the network pipe as binary messages (with <c>--strict</c>, each holds whole
/// records only, so a new connection always starts at a record boundary); with <c>--events</c> what the node sends
/// back goes to stdout, one consistent pipe-out stream across reconnections (<see cref="EventStreamReconciler"/>). It
/// sends a message only once the node has acknowledged the one before (<c>ack=1</c>: every node has handed its records
/// to their clients), and sends the one not acknowledged again on the next connection: nothing is lost, and what a
/// broken connection may bring twice is that one message. When the connection breaks it reconnects with a backoff
/// (through a load balancer, possibly to another node) and says so on stderr. Ends when stdin ends (a watcher, with
/// --events, keeps watching), on a 401 or a 1007/1008 (bad input, which no retry can mend), or on SIGINT/SIGTERM. Stdin is read by a task of its own (a read of it cannot
/// be cancelled), at most a few reads ahead of the socket, so a slow node still holds the producer back.
/// </summary>
internal sealed class PipeClientRunner(PipeClientSettings settings, Stream stdin, Stream stdout, TextWriter stderr)
{
    private const int MessageSize = 64 * 1024;
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <summary>Until the first connection: started with its server, it should not wait long once that one listens.</summary>
    private static readonly TimeSpan MaxFirstBackoff = TimeSpan.FromSeconds(1);

    /// <summary>What stdin gave that the node has not acknowledged: first the message in flight (<see cref="_inFlight"/> bytes), then what waits.</summary>
    private readonly ArrayBufferWriter<byte> _pending = new();
    private readonly Channel<byte[]> _reads = Channel.CreateBounded<byte[]>(4);
    private readonly EventStreamReconciler _events = new();
    private readonly ArrayBufferWriter<byte> _eventsOut = new();
    private bool _stdinEnded;

    /// <summary>The message sent and not yet acknowledged, at the start of <see cref="_pending"/>: the next connection sends it again first.</summary>
    private int _inFlight;

    public async Task<int> RunAsync(CancellationToken stop)
    {
        _ = Task.Run(() => PumpStdinAsync(stop), CancellationToken.None);
        var backoff = MinBackoff;
        var connections = 0;
        while (!stop.IsCancellationRequested)
        {
            ClientWebSocket socket;
            try
            {
                socket = await PipeClientConnection.OpenAsync(settings, stop);
            }
            catch (PipeRefusedException e)
            {
                stderr.WriteLine($"gwsocket pipe: {e.Message}");
                return 1;
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException || (e is OperationCanceledException && !stop.IsCancellationRequested))
            {
                stderr.WriteLine($"gwsocket pipe: cannot connect to {settings.Url}: {e.Message}; retrying in {backoff.TotalSeconds:0.0} s");
                await DelayAsync(backoff, stop);
                backoff = TimeSpan.FromTicks(Math.Min((connections == 0 ? MaxFirstBackoff : MaxBackoff).Ticks, backoff.Ticks * 2));
                continue;
            }
            catch (OperationCanceledException)
            {
                break;
            }
            using (socket)
            {
                stderr.WriteLine(connections++ == 0
                    ? $"gwsocket pipe: connected to {settings.Url}"
                    : $"gwsocket pipe: reconnected to {settings.Url}{(_inFlight > 0 ? $"; sending again the {InFlightMessage()} that was not acknowledged" : "")}");
                backoff = MinBackoff;
                if (await ServeAsync(socket, reconnected: connections > 1, stop) is { } exitCode)
                    return exitCode;
            }
        }
        return 0;
    }

    /// <summary>An exit code when the run is over; null to reconnect.</summary>
    private async Task<int?> ServeAsync(ClientWebSocket socket, bool reconnected, CancellationToken stop)
    {
        using var over = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var session = new PipeClientSession();
        var receiving = ReceiveAsync(socket, session, reconnected, over.Token);
        var sending = SendAsync(socket, session, over.Token);
        var first = await Task.WhenAny(receiving, sending);
        if (first == sending && sending.Result && !stop.IsCancellationRequested && !settings.Events)
        {
            // stdin ended: close, and let the node answer.
            await CloseAsync(socket, WebSocketCloseStatus.NormalClosure);
            await receiving;
            return 0;
        }
        if (first == sending && sending.Result)
            await receiving;
        await over.CancelAsync();
        if (stop.IsCancellationRequested)
        {
            await CloseAsync(socket, WebSocketCloseStatus.NormalClosure);
            return 0;
        }
        if (socket.CloseStatus is WebSocketCloseStatus.PolicyViolation or WebSocketCloseStatus.InvalidPayloadData)
        {
            // The same bytes would be rejected again, by any node.
            stderr.WriteLine($"gwsocket pipe: the node rejected what stdin gave with {(int)socket.CloseStatus} {socket.CloseStatusDescription} " +
                $"(is --strict {(settings.Strict ? "given to" : "missing from")} gwsocket pipe as to the nodes?); giving up");
            await CloseAsync(socket, socket.CloseStatus.Value);
            return 1;
        }
        var status = socket.CloseStatus is { } code ? $"closed by the node with {(int)code} {socket.CloseStatusDescription}" : "connection lost";
        stderr.WriteLine($"gwsocket pipe: {status}; {InFlight(session)}{EventsCut()}; reconnecting");
        try
        {
            await Task.WhenAll(receiving, sending);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Already reported.
        }
        return null;
    }

    /// <summary>With --events: the end of the connection's events, and the record it cut, which is not written.</summary>
    private string EventsCut()
    {
        if (!settings.Events)
            return "";
        var cut = _events.EndConnection();
        return cut > 0 ? $"; an event record cut by the disconnection ({cut} bytes) was not written" : "";
    }

    private string InFlight(PipeClientSession session) =>
        session.AllAcknowledged
            ? "everything sent had been delivered"
            : $"the {InFlightMessage()} sent last was not acknowledged: it will be sent again, so where the node had already delivered it its records arrive twice";

    private string InFlightMessage()
    {
        var bytes = _pending.WrittenSpan[.._inFlight];
        return settings.Strict ? $"message ({StrictRecordBoundaries.Count(bytes)} records, {bytes.Length} bytes)" : $"message ({bytes.Length} bytes)";
    }

    /// <summary>
    /// True when stdin has ended and everything read was sent and acknowledged; false when the connection broke first.
    /// A message leaves <see cref="_pending"/> only once acknowledged: until then the next connection sends it again.
    /// </summary>
    private async Task<bool> SendAsync(ClientWebSocket socket, PipeClientSession session, CancellationToken over)
    {
        try
        {
            while (true)
            {
                if ((_inFlight > 0 ? _inFlight : NextMessageLength()) is var length and > 0)
                {
                    _inFlight = length;
                    session.OnSent(length);
                    await socket.SendAsync(_pending.WrittenMemory[..length], WebSocketMessageType.Binary, true, over);
                    await session.WaitUntilAllAcknowledgedAsync(over);
                    Consume(length);
                    _inFlight = 0;
                    continue;
                }
                if (_stdinEnded)
                    return true;
                if (await _reads.Reader.WaitToReadAsync(over))
                    _pending.Write(await _reads.Reader.ReadAsync(over));
                else
                    _stdinEnded = true;
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    /// <summary>What to send next: with --strict whole records only (the rest waits for its bytes), else whatever was read.</summary>
    private int NextMessageLength()
    {
        var pending = _pending.WrittenSpan;
        if (!settings.Strict)
            return Math.Min(pending.Length, MessageSize);
        var whole = StrictRecordBoundaries.WholeRecords(pending, MessageSize);
        if (whole == 0 && _stdinEnded && pending.Length > 0)
        {
            stderr.WriteLine($"gwsocket pipe: stdin ended in the middle of a record; its {pending.Length} bytes were not sent");
            Consume(pending.Length);
        }
        return whole;
    }

    private void Consume(int length)
    {
        var rest = _pending.WrittenSpan[length..].ToArray();
        _pending.ResetWrittenCount();
        _pending.Write(rest);
    }

    private async Task PumpStdinAsync(CancellationToken stop)
    {
        var buffer = new byte[MessageSize];
        try
        {
            int read;
            while ((read = await stdin.ReadAsync(buffer, stop)) > 0)
                await _reads.Writer.WriteAsync(buffer.AsSpan(0, read).ToArray(), stop);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // Stdin is gone: as if it had ended.
        }
        _reads.Writer.TryComplete();
    }

    /// <summary>Binary messages are events, for stdout; text messages the node's acknowledgements and the end of the events' snapshot.</summary>
    private async Task ReceiveAsync(ClientWebSocket socket, PipeClientSession session, bool reconnected, CancellationToken over)
    {
        var buffer = new byte[MessageSize];
        var text = new StringBuilder();
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, over);
                switch (received.MessageType)
                {
                    case WebSocketMessageType.Close:
                        return;
                    case WebSocketMessageType.Text:
                        text.Append(Encoding.ASCII.GetString(buffer, 0, received.Count));
                        if (received.EndOfMessage)
                        {
                            await OnTextAsync(text.ToString(), session, reconnected, over);
                            text.Clear();
                        }
                        break;
                    case WebSocketMessageType.Binary when settings.Events:
                        _events.Receive(buffer.AsSpan(0, received.Count), _eventsOut);
                        await WriteEventsAsync(received.EndOfMessage, over);
                        break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The connection is over; the caller tells why.
        }
    }

    private async Task OnTextAsync(string text, PipeClientSession session, bool reconnected, CancellationToken over)
    {
        if (!SnapshotEnd.TryParse(text, out var strict))
        {
            session.OnAcknowledged(long.Parse(text, CultureInfo.InvariantCulture));
            return;
        }
        var reconciliation = _events.EndSnapshot(strict, _eventsOut);
        await WriteEventsAsync(flush: true, over);
        if (!reconnected)
            return;
        stderr.WriteLine(strict
            ? $"gwsocket pipe: events resumed: {reconciliation.AlreadyOpen} clients still open; {reconciliation.Closed} closes and {reconciliation.Opened} opens " +
              "written for the clients that left and came while disconnected; what clients sent meanwhile is missing"
            : "gwsocket pipe: events resumed; what clients sent while disconnected is missing");
    }

    private async Task WriteEventsAsync(bool flush, CancellationToken over)
    {
        if (_eventsOut.WrittenCount > 0)
            await stdout.WriteAsync(_eventsOut.WrittenMemory, over);
        _eventsOut.ResetWrittenCount();
        if (flush)
            await stdout.FlushAsync(over);
    }

    private static async Task CloseAsync(ClientWebSocket socket, WebSocketCloseStatus status)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            if (socket.State == WebSocketState.Open)
                await socket.CloseOutputAsync(status, "", patience.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Gone already.
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
