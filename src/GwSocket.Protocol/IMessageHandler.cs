namespace GwSocket.Protocol;

/// <summary>Receives what <see cref="MessageReader"/> decodes. Spans are only valid during the call.</summary>
public interface IMessageHandler
{
    /// <summary>A whole data message, reassembled from its fragments; <paramref name="type"/> is Text or Binary.</summary>
    void OnMessage(Opcode type, ReadOnlySpan<byte> payload);

    void OnPing(ReadOnlySpan<byte> payload);

    void OnPong(ReadOnlySpan<byte> payload);

    /// <summary>The peer's close frame; <paramref name="code"/> is null when it carried no status.</summary>
    void OnClose(ushort? code, string reason);
}
