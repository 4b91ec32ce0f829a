namespace GwSocket.Protocol.Pipes;

/// <summary>Receives the records a <see cref="StrictRecordDecoder"/> decodes; the payload span is only valid during the call.</summary>
public interface IStrictRecordHandler
{
    void OnRecord(uint clientId, Opcode type, ReadOnlySpan<byte> payload);
}
