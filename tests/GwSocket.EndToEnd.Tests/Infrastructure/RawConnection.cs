using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A plain byte stream to the server (TCP or unix socket) with every read and
/// write bounded by <see cref="Timeouts.Receive"/>: nothing here can hang a test.
/// </summary>
public sealed class RawConnection : IAsyncDisposable
{
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();
    private readonly NetworkStream _stream;

    private RawConnection(Socket socket) => _stream = new NetworkStream(socket, ownsSocket: true);

    public static async Task<RawConnection> OpenTcpAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        return await ConnectAsync(socket, new IPEndPoint(IPAddress.Loopback, port));
    }

    /// <summary>
    /// A TCP connection whose kernel receive buffer is fixed at <paramref name="receiveBufferBytes"/> (no autotuning): a
    /// client that stops reading holds that little, not the megabytes a loopback socket grows to.
    /// </summary>
    public static async Task<RawConnection> OpenTcpWithSmallReceiveBufferAsync(int port, int receiveBufferBytes)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = receiveBufferBytes };
        return await ConnectAsync(socket, new IPEndPoint(IPAddress.Loopback, port));
    }

    public static async Task<RawConnection> OpenUnixAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        return await ConnectAsync(socket, new UnixDomainSocketEndPoint(path));
    }

    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        using var cts = new CancellationTokenSource(Timeouts.Receive);
        await _stream.WriteAsync(bytes, cts.Token);
    }

    /// <summary>Fills the buffer; throws EndOfStreamException when the server closes first.</summary>
    public async Task ReadExactlyAsync(Memory<byte> buffer)
    {
        using var cts = new CancellationTokenSource(Timeouts.Receive);
        try
        {
            await _stream.ReadExactlyAsync(buffer, cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"The server sent nothing more within {Timeouts.Receive.TotalSeconds} s.");
        }
    }

    /// <summary>
    /// Reads an HTTP response head in as few reads as the server's writes allow (the one-byte reads of
    /// <see cref="ReadResponseHeadAsync"/> add a system call per byte), for a server that sends nothing after the head
    /// until the client acts: bytes past the blank line fail the read.
    /// </summary>
    public async Task<HttpResponseHead> ReadWholeResponseHeadAsync()
    {
        var head = new MemoryStream();
        var buffer = new byte[1024];
        using var cts = new CancellationTokenSource(Timeouts.Receive);
        while (!head.GetBuffer().AsSpan(0, (int)head.Length).EndsWith(EndOfHead))
        {
            var read = await _stream.ReadAsync(buffer, cts.Token);
            if (read == 0)
            {
                throw new EndOfStreamException($"The server closed the connection after {head.Length} bytes of a response head.");
            }

            head.Write(buffer, 0, read);
            Assert.True(head.GetBuffer().AsSpan(0, (int)head.Length).IndexOf(EndOfHead) is var end && (end < 0 || end + EndOfHead.Length == head.Length),
                "The server sent bytes after the response head before the client did anything.");
        }

        return HttpResponseHead.Parse(Encoding.ASCII.GetString(head.ToArray()));
    }

    /// <summary>Reads an HTTP response up to and including the blank line, and nothing after it.</summary>
    public async Task<HttpResponseHead> ReadResponseHeadAsync()
    {
        var head = new MemoryStream();
        var one = new byte[1];
        while (!head.GetBuffer().AsSpan(0, (int)head.Length).EndsWith(EndOfHead))
        {
            await ReadExactlyAsync(one);
            head.WriteByte(one[0]);
        }

        return HttpResponseHead.Parse(Encoding.ASCII.GetString(head.ToArray()));
    }

    /// <summary>
    /// Waits until the server closes the connection and returns whatever it sent before.
    /// A reset counts as closed: the server dropped the connection either way.
    /// </summary>
    public async Task<byte[]> ReadUntilClosedByServerAsync()
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(Timeouts.Receive);
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"The server did not close the connection within {Timeouts.Receive.TotalSeconds} s.");
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
        }

        return received.ToArray();
    }

    /// <summary>Drops the connection with a TCP reset (RST) instead of a clean close, as a crashed client or a dead proxy does.</summary>
    public void Reset()
    {
        _stream.Socket.LingerState = new LingerOption(enable: true, seconds: 0);
        _stream.Socket.Close();
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private static async Task<RawConnection> ConnectAsync(Socket socket, EndPoint endPoint)
    {
        using var cts = new CancellationTokenSource(Timeouts.Receive);
        try
        {
            await socket.ConnectAsync(endPoint, cts.Token);
            return new RawConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
