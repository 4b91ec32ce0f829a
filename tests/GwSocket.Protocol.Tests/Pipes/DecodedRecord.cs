using GwSocket.Protocol;
using GwSocket.Protocol.Pipes;

namespace GwSocket.Protocol.Tests.Pipes;

/// <summary>A record as a <see cref="StrictRecordDecoder"/> handed it out, comparable by value.</summary>
internal sealed record DecodedRecord(uint ClientId, Opcode Type, string PayloadHex)
{
    public static DecodedRecord Of(uint clientId, Opcode type, ReadOnlySpan<byte> payload) =>
        new(clientId, type, Convert.ToHexString(payload));
}

/// <summary>Collects decoded records, and the frame each would become.</summary>
internal sealed class RecordingRecordHandler : IStrictRecordHandler
{
    public List<DecodedRecord> Records { get; } = [];

    public List<byte[]> Frames { get; } = [];

    public void OnRecord(uint clientId, Opcode type, ReadOnlySpan<byte> payload)
    {
        Records.Add(DecodedRecord.Of(clientId, type, payload));
        Frames.Add(FrameEncoder.Encode(type, payload));
    }
}
