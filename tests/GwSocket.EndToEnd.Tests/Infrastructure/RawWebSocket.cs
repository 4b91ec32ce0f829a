using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A WebSocket client written by hand on a raw connection, so that tests can send
/// exactly the bytes they want (including malformed ones) and see exactly what comes back.
/// </summary>
public sealed class RawWebSocket : IAsyncDisposable
{
    private readonly RawConnection _connection;

    private readonly HttpResponseHead? _response;

    private RawWebSocket(RawConnection connection, HttpResponseHead? response)
    {
        _connection = connection;
        _response = response;
    }

    /// <summary>The server's 101 response, as <see cref="UpgradeAsync"/> read it.</summary>
    public HttpResponseHead Response => _response ?? throw new InvalidOperationException("the test read the 101 itself");

    /// <summary>The 101 agreed on permessage-deflate: server frames may come compressed (RSV1).</summary>
    public bool DeflateNegotiated => _response?.Header("Sec-WebSocket-Extensions")?.StartsWith("permessage-deflate", StringComparison.Ordinal) == true;

    /// <summary>Opens a TCP connection and completes the handshake on <paramref name="path"/>.</summary>
    public static async Task<RawWebSocket> ConnectAsync(int port, string path = "/") =>
        await UpgradeAsync(await RawConnection.OpenTcpAsync(port), UpgradeRequest.Valid(path));

    /// <summary>Sends the upgrade request on an open connection and requires a 101 answer.</summary>
    public static async Task<RawWebSocket> UpgradeAsync(RawConnection connection, UpgradeRequest request)
    {
        try
        {
            await connection.SendAsync(request.ToBytes());
            var response = await connection.ReadResponseHeadAsync();
            Assert.True(response.StatusCode == 101, $"Expected 101 Switching Protocols, got '{response.StatusLine}'.");
            return new RawWebSocket(connection, response);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection whose 101 the test has read itself.</summary>
    public static RawWebSocket Over(RawConnection connection) => new(connection, response: null);

    /// <summary>Sends bytes exactly as given: hand-written frames, possibly malformed.</summary>
    public Task SendBytesAsync(byte[] bytes) => _connection.SendAsync(bytes);

    /// <summary>Sends one well-formed client frame, masked with a random key.</summary>
    public Task SendFrameAsync(Opcode opcode, byte[] payload, bool fin = true) =>
        _connection.SendAsync(FrameEncoder.EncodeMasked(opcode, payload, RandomNumberGenerator.GetBytes(4), fin));

    public Task SendTextAsync(string text) => SendFrameAsync(Opcode.Text, Encoding.UTF8.GetBytes(text));

    public Task SendCloseAsync(ushort code)
    {
        var payload = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(payload, code);
        return SendFrameAsync(Opcode.Close, payload);
    }

    public Task<ServerFrame> ReceiveFrameAsync() => ServerFrameReader.ReadAsync(_connection, DeflateNegotiated);

    /// <summary>Requires the next frame from the server to be of this opcode.</summary>
    public async Task<ServerFrame> ExpectFrameAsync(Opcode opcode)
    {
        var frame = await ReceiveFrameAsync();
        Assert.True(frame.Opcode == opcode, $"Expected a {opcode} frame, got {frame}.");
        return frame;
    }

    /// <summary>Requires the next frame from the server to be a close frame with this status code.</summary>
    public async Task ExpectCloseAsync(ushort code)
    {
        var frame = await ExpectFrameAsync(Opcode.Close);
        Assert.True(frame.CloseCode == code, $"Expected close code {code}, got {frame}.");
    }

    /// <summary>Reads a whole message (the frames up to FIN) and returns its type and payload.</summary>
    public async Task<(Opcode Type, byte[] Payload)> ReceiveMessageAsync()
    {
        var first = await ReceiveFrameAsync();
        Assert.True(first.Opcode is Opcode.Text or Opcode.Binary, $"Expected a data frame, got {first}.");
        var payload = new MemoryStream();
        payload.Write(first.Payload);
        for (var frame = first; !frame.Fin;)
        {
            frame = await ExpectFrameAsync(Opcode.Continuation);
            payload.Write(frame.Payload);
        }

        return (first.Opcode, payload.ToArray());
    }

    /// <summary>Waits for the server to close TCP and returns any bytes it sent before that.</summary>
    public Task<byte[]> ReadUntilClosedByServerAsync() => _connection.ReadUntilClosedByServerAsync();

    /// <summary>Drops the connection with a TCP reset.</summary>
    public void Reset() => _connection.Reset();

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
