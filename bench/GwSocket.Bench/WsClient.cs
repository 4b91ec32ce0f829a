using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GwSocket.Bench;

/// <summary>
/// One WebSocket client on one socket: the opening handshake, then a receive loop that scans frames
/// in its own buffer (no allocation per message) and counts each delivery into <see cref="Counters"/>.
/// </summary>
internal sealed class WsClient : IServerFrameSink, IDisposable
{
    private static readonly byte[] MaskKey = [0x12, 0x34, 0x56, 0x78];

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly byte[] _buffer;
    private readonly LatencyHistogram _latency;
    private readonly CompressedStamps? _compressedStamps;
    private ServerFrameScanner _scanner;
    private Task _receiving = Task.CompletedTask;
    private int _compressedSeen;
    private long _bytesReceived;

    /// <param name="compressedStamps">Set: the client offers permessage-deflate and reads compressed stamps through it.</param>
    public WsClient(int bufferSize, LatencyHistogram latency, CompressedStamps? compressedStamps = null)
    {
        _buffer = new byte[bufferSize];
        _latency = latency;
        _compressedStamps = compressedStamps;
    }

    public ClientCounters Counters { get; } = new();

    /// <summary>Bytes read off the socket since the handshake.</summary>
    public long BytesReceived => Volatile.Read(ref _bytesReceived);

    public bool Closed { get; private set; }

    /// <summary>Connects, performs the handshake and starts receiving.</summary>
    public async Task ConnectAsync(IPEndPoint server, CancellationToken cancel)
    {
        await _socket.ConnectAsync(server, cancel);
        var request = Encoding.ASCII.GetBytes(
            $"GET /bench HTTP/1.1\r\nHost: {server}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" +
            (_compressedStamps is null ? "" : "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n") + "\r\n");
        await _socket.SendAsync(request, SocketFlags.None, cancel);
        var filled = 0;
        int headEnd;
        while ((headEnd = _buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
        {
            var read = await _socket.ReceiveAsync(_buffer.AsMemory(filled), SocketFlags.None, cancel);
            if (read == 0)
                throw new IOException("the server closed the connection during the handshake");
            filled += read;
        }
        if (!_buffer.AsSpan(0, headEnd).StartsWith("HTTP/1.1 101"u8))
            throw new IOException("handshake refused: " + Encoding.ASCII.GetString(_buffer, 0, headEnd));
        if (_compressedStamps is not null && _buffer.AsSpan(0, headEnd).IndexOf("permessage-deflate"u8) < 0)
            throw new IOException("the server did not agree to permessage-deflate");
        var leftover = filled - headEnd - 4;
        _buffer.AsSpan(headEnd + 4, leftover).CopyTo(_buffer);
        _receiving = ReceiveLoopAsync(leftover);
    }

    /// <summary>Sends one masked text message (e.g. the hello that tells the producer who this client is).</summary>
    public void SendText(string text) => SendMasked(0x1, Encoding.UTF8.GetBytes(text));

    void IServerFrameSink.OnData(ReadOnlySpan<byte> stampBytes)
    {
        if (stampBytes.Length < RecordStamp.Size)
        {
            Counters.Malformed++;
            return;
        }
        Counters.Count(RecordStamp.Read(stampBytes), Stopwatch.GetTimestamp(), _latency);
    }

    void IServerFrameSink.OnCompressedData(ReadOnlySpan<byte> payload)
    {
        if (_compressedStamps is null)
        {
            Counters.Malformed++;
            return;
        }
        Counters.Count(_compressedStamps.Resolve(ref _compressedSeen, payload), Stopwatch.GetTimestamp(), _latency);
    }

    void IServerFrameSink.OnPing(ReadOnlySpan<byte> payload) => SendMasked(0xA, payload);

    void IServerFrameSink.OnClose() => Closed = true;

    public void Dispose()
    {
        _socket.Dispose();
        _receiving.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ReceiveLoopAsync(int kept)
    {
        try
        {
            kept = Consume(kept);
            while (true)
            {
                if (kept == _buffer.Length)
                    throw new IOException("a compressed frame larger than the client's buffer");
                var read = await _socket.ReceiveAsync(_buffer.AsMemory(kept), SocketFlags.None);
                if (read == 0)
                    break;
                Volatile.Write(ref _bytesReceived, _bytesReceived + read);
                kept = Consume(kept + read);
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        Closed = true;
    }

    /// <summary>Scans the buffer's first <paramref name="filled"/> bytes and moves what is left to its front.</summary>
    private int Consume(int filled)
    {
        var used = _scanner.Scan(_buffer.AsSpan(0, filled), this);
        var left = filled - used;
        _buffer.AsSpan(used, left).CopyTo(_buffer);
        return left;
    }

    private void SendMasked(byte opcode, ReadOnlySpan<byte> payload)
    {
        Span<byte> frame = stackalloc byte[6 + payload.Length];
        frame[0] = (byte)(0x80 | opcode);
        frame[1] = (byte)(0x80 | payload.Length);
        MaskKey.CopyTo(frame[2..]);
        for (var i = 0; i < payload.Length; i++)
            frame[6 + i] = (byte)(payload[i] ^ MaskKey[i & 3]);
        _socket.Send(frame);
    }
}
