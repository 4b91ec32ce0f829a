using GwSocket.Protocol;
using GwSocket.Protocol.Pipes;

namespace GwSocket.Actors.Tests.Pipes;

/// <summary>Strict-mode records as a producer writes them into pipe-in.</summary>
internal static class StrictRecords
{
    public static byte[] Text(uint clientId, string text) => StrictRecordEncoder.Message(clientId, Opcode.Text, System.Text.Encoding.UTF8.GetBytes(text));

    public static byte[] Binary(uint clientId, byte[] payload) => StrictRecordEncoder.Message(clientId, Opcode.Binary, payload);

    public static byte[] Concat(params byte[][] records) => records.SelectMany(r => r).ToArray();
}
