using System.Text.Unicode;
using GwSocket.Protocol;

namespace GwSocket.Fuzz.Targets;

/// <summary>Folds what a MessageReader delivers into a digest, checking each delivery against the rules; allocates nothing.</summary>
internal sealed class FrameDigestHandler(long maxMessageSize) : IMessageHandler
{
    private Digest _digest = new();
    private bool _closed;

    public Digest Digest => _digest;

    public void OnMessage(Opcode type, ReadOnlySpan<byte> payload)
    {
        Delivered();
        if (type is not (Opcode.Text or Opcode.Binary))
            throw new FuzzFailure($"message of type {type}");
        if (payload.Length > maxMessageSize)
            throw new FuzzFailure($"message of {payload.Length} bytes passed the limit of {maxMessageSize}");
        if (type == Opcode.Text && !Utf8.IsValid(payload))
            throw new FuzzFailure("text message that is not UTF-8 was delivered");
        Record(1, (byte)type, payload);
    }

    public void OnPing(ReadOnlySpan<byte> payload) => Control(2, payload);

    public void OnPong(ReadOnlySpan<byte> payload) => Control(3, payload);

    public void OnClose(ushort? code, string reason)
    {
        Delivered();
        if (code is { } wire && !CloseCodes.IsValidOnWire(wire))
            throw new FuzzFailure($"close code {wire} is not valid on the wire");
        _closed = true;
        _digest.Add(4);
        _digest.Add(code ?? -1);
        _digest.Add(reason);
        _digest.EndEvent();
    }

    private void Control(byte kind, ReadOnlySpan<byte> payload)
    {
        Delivered();
        if (payload.Length > 125)
            throw new FuzzFailure($"control frame of {payload.Length} bytes");
        Record(kind, 0, payload);
    }

    private void Record(byte kind, byte type, ReadOnlySpan<byte> payload)
    {
        _digest.Add(kind);
        _digest.Add(type);
        _digest.Add(payload);
        _digest.EndEvent();
    }

    private void Delivered()
    {
        if (_closed)
            throw new FuzzFailure("an event was delivered after the close frame");
    }
}
