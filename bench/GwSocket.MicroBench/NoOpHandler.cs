using GwSocket.Protocol;
using GwSocket.Protocol.Pipes;

namespace GwSocket.MicroBench;

/// <summary>Counts what the decoders hand over and does nothing else, so only decoding is measured.</summary>
internal sealed class NoOpHandler : IMessageHandler, IStrictRecordHandler
{
    public long Messages;

    public void OnMessage(Opcode type, ReadOnlySpan<byte> payload) => Messages++;

    public void OnPing(ReadOnlySpan<byte> payload) => Messages++;

    public void OnPong(ReadOnlySpan<byte> payload) => Messages++;

    public void OnClose(ushort? code, string reason) => Messages++;

    public void OnRecord(uint clientId, Opcode type, ReadOnlySpan<byte> payload) => Messages++;
}
