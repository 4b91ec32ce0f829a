using GwSocket.Protocol;

namespace GwSocket.Protocol.Tests;

/// <summary>Records every handler call, in order.</summary>
internal sealed class RecordingHandler : IMessageHandler
{
    private readonly List<Received> _events = [];

    public IReadOnlyList<Received> Events => _events;

    public void OnMessage(Opcode type, ReadOnlySpan<byte> payload)
    {
        Assert.True(type is Opcode.Text or Opcode.Binary, $"OnMessage with {type}");
        _events.Add(new Received(type == Opcode.Text ? ReceivedKind.Text : ReceivedKind.Binary, payload.ToArray()));
    }

    public void OnPing(ReadOnlySpan<byte> payload) => _events.Add(Received.Ping(payload.ToArray()));

    public void OnPong(ReadOnlySpan<byte> payload) => _events.Add(Received.Pong(payload.ToArray()));

    public void OnClose(ushort? code, string reason) => _events.Add(Received.Close(code, reason));
}
