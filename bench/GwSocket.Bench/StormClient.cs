using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace GwSocket.Bench;

/// <summary>One client of a reconnect storm: TCP (and TLS), the upgrade, the 101; then it only holds the connection.</summary>
internal static class StormClient
{
    private static readonly byte[] Request = Encoding.ASCII.GetBytes(
        "GET /storm HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");

    /// <summary>The open connection, after a 101; throws with the server's answer otherwise.</summary>
    public static async Task<Stream> OpenAsync(IPEndPoint server, bool tls, CancellationToken cancel)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, cancel);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            if (tls)
                stream = await AuthenticateAsync(stream, cancel);
            await stream.WriteAsync(Request, cancel);
            await ExpectSwitchingProtocolsAsync(stream, cancel);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private static async Task<Stream> AuthenticateAsync(Stream tcp, CancellationToken cancel)
    {
        // The benchmark's own self-signed certificate: the client trusts whatever the server presents.
        var tls = new SslStream(tcp, leaveInnerStreamOpen: false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, cancel);
        return tls;
    }

    private static async Task ExpectSwitchingProtocolsAsync(Stream stream, CancellationToken cancel)
    {
        var buffer = new byte[512];
        var filled = 0;
        while (buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8) < 0)
        {
            if (filled == buffer.Length)
                throw new IOException("response head too long");
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancel);
            if (read == 0)
                throw new IOException("closed by the server during the handshake");
            filled += read;
        }
        if (!buffer.AsSpan(0, filled).StartsWith("HTTP/1.1 101"u8))
            throw new IOException("refused: " + Encoding.ASCII.GetString(buffer, 0, buffer.AsSpan(0, filled).IndexOf("\r\n"u8)));
    }
}
