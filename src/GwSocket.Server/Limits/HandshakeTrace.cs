using System.Buffers;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Connections.Features;

namespace GwSocket.Server.Limits;

/// <summary>
/// What one connection has shown of its request before the upgrade handler took it: enough for an access log
/// line when Kestrel answers the request itself (431, 400) or the handshake times out (408).
/// </summary>
internal sealed class HandshakeTrace
{
    private const int Waiting = 0;
    private const int Handled = 1;
    private const int TimedOut = 2;
    private const int StatusLinePrefix = 12; // "HTTP/1.1 431"
    private const int MaxRequestLine = 8 * 1024;

    private readonly byte[] _response = new byte[StatusLinePrefix];
    private int _state;
    private int _responseBytes;
    private Timer? _deadline;

    public long StartTimestamp { get; } = Stopwatch.GetTimestamp();

    /// <summary>The first line of the request, once its end has been received.</summary>
    public string? RequestLine { get; private set; }

    /// <summary>Most bytes of the request seen buffered at once, before the handler took it.</summary>
    public long RequestBytes { get; private set; }

    /// <summary>True until the upgrade handler has taken the request or the handshake has timed out.</summary>
    public bool Observing => Volatile.Read(ref _state) == Waiting;

    public bool HasTimedOut => Volatile.Read(ref _state) == TimedOut;

    /// <summary>The status Kestrel wrote, when it answered the request itself.</summary>
    public int? ResponseStatus =>
        _responseBytes == StatusLinePrefix && int.TryParse(_response.AsSpan(StatusLinePrefix - 3), out var status) ? status : null;

    /// <summary>Calls <paramref name="onTimeout"/> unless the handler takes the request (or the connection ends) first.</summary>
    public void StartDeadline(TimeSpan timeout, Action onTimeout) =>
        _deadline = new Timer(static callback => ((Action)callback!)(), onTimeout, timeout, Timeout.InfiniteTimeSpan);

    /// <summary>A connection served for hours keeps no timer of its handshake.</summary>
    public void StopDeadline() => Interlocked.Exchange(ref _deadline, null)?.Dispose();

    /// <summary>The upgrade handler takes the request; false when the handshake has already timed out.</summary>
    public bool TryHandle()
    {
        if (Interlocked.CompareExchange(ref _state, Handled, Waiting) != Waiting)
            return false;
        StopDeadline();
        return true;
    }

    /// <summary>The handshake deadline passed; false when the handler had the request in time.</summary>
    public bool TryTimeOut() => Interlocked.CompareExchange(ref _state, TimedOut, Waiting) == Waiting;

    public void SawRequest(in ReadOnlySequence<byte> buffered)
    {
        RequestBytes = Math.Max(RequestBytes, buffered.Length);
        if (RequestLine is not null)
            return;
        var reader = new SequenceReader<byte>(buffered.Slice(0, Math.Min(buffered.Length, MaxRequestLine)));
        if (reader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8))
            RequestLine = Encoding.Latin1.GetString(line);
    }

    public void SawResponse(ReadOnlySpan<byte> written)
    {
        var take = Math.Min(written.Length, StatusLinePrefix - _responseBytes);
        written[..take].CopyTo(_response.AsSpan(_responseBytes));
        _responseBytes += take;
    }

    public bool ResponseStarted => _responseBytes > 0;

    /// <summary>The trace of this connection, when the listener keeps one.</summary>
    public static HandshakeTrace? Of(ConnectionContext connection) => connection.Features.Get<HandshakeTrace>();

    /// <summary>The trace of the connection carrying this request (a request sees its connection's features), when the listener keeps one.</summary>
    public static HandshakeTrace? Of(HttpContext context) => context.Features.Get<HandshakeTrace>();
}
