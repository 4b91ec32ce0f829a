using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.NetworkPipe;

/// <summary>A watcher of the network pipe (<c>?events=1</c>) that keeps reading in the background: what it got, as strict records.</summary>
public sealed class NetworkWatcher : IDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly List<byte> _bytes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private NetworkWatcher(ClientWebSocket socket)
    {
        _socket = socket;
        _reading = Task.Run(ReadAsync);
    }

    public static async Task<NetworkWatcher> ConnectAsync(int port, string secret) =>
        new(await PipeSockets.ConnectAsync(port, secret, events: true));

    public List<StrictRecord> Records
    {
        get
        {
            lock (_bytes)
            {
                return StrictRecord.Parse(_bytes.ToArray()).Records;
            }
        }
    }

    /// <summary>How many bytes it has received: cheaper to watch than <see cref="Records"/>.</summary>
    public int ByteCount
    {
        get
        {
            lock (_bytes)
            {
                return _bytes.Count;
            }
        }
    }

    public WebSocketState State => _socket.State;

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Abort();
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                lock (_bytes)
                {
                    _bytes.AddRange(buffer.AsSpan(0, received.Count));
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Disposed, or the node went away.
        }
    }
}
