using System.Net.WebSockets;

namespace GwSocket.Bench;

/// <summary>
/// The same records as <see cref="PipeInProducer"/>, sent to the node's network pipe (<c>/gwsocket/pipe</c>, bearer
/// token) as binary messages of the same 64 KiB batches, from one thread. It does not wait for acknowledgements:
/// like a FIFO writer it is held back only by TCP, when the node stops reading its socket while the clients catch up.
/// </summary>
internal sealed class NetworkPipeProducer : IRecordProducer
{
    private readonly ClientWebSocket _socket = new();

    public NetworkPipeProducer(Uri url, string token)
    {
        _socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _socket.ConnectAsync(url, timeout.Token).GetAwaiter().GetResult();
    }

    public long Run(ProducerPlan plan) => PipeInProducer.WriteRecords(plan, (batch, length) => Send(batch.AsMemory(0, length)));

    public void WriteWarmup() => Send(PipeInProducer.WarmupRecord());

    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
    }

    private void Send(ReadOnlyMemory<byte> bytes) =>
        _socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).AsTask().GetAwaiter().GetResult();
}
