using System.Text;

namespace GwSocket.Protocol.Pipes;

/// <summary>Builds the strict-mode records written to pipe-out, byte for byte as gwsocket writes them.</summary>
public static class StrictRecordEncoder
{
    /// <summary>The open record's payload: the client's address as text, NUL-padded (INET6_ADDRSTRLEN).</summary>
    public const int OpenPayloadSize = 46;

    public static byte[] Open(uint clientId, string remoteIp)
    {
        var record = new byte[StrictRecordHeader.Size + OpenPayloadSize];
        new StrictRecordHeader(clientId, StrictRecordType.Open, OpenPayloadSize).Write(record);
        var address = Encoding.ASCII.GetBytes(remoteIp);
        // Leave at least one NUL so a C reader always finds the end of the string.
        address.AsSpan(0, Math.Min(address.Length, OpenPayloadSize - 1)).CopyTo(record.AsSpan(StrictRecordHeader.Size));
        return record;
    }

    public static byte[] Close(uint clientId)
    {
        var record = new byte[StrictRecordHeader.Size];
        new StrictRecordHeader(clientId, StrictRecordType.Close, 0).Write(record);
        return record;
    }

    public static byte[] Message(uint clientId, Opcode type, ReadOnlySpan<byte> payload)
    {
        var recordType = type == Opcode.Text ? StrictRecordType.Text : StrictRecordType.Binary;
        var record = new byte[StrictRecordHeader.Size + payload.Length];
        new StrictRecordHeader(clientId, recordType, (uint)payload.Length).Write(record);
        payload.CopyTo(record.AsSpan(StrictRecordHeader.Size));
        return record;
    }
}
