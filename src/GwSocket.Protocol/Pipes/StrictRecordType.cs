namespace GwSocket.Protocol.Pipes;

/// <summary>The type field of a strict-mode record (gwsocket's man page, "STRICT MODE").</summary>
public enum StrictRecordType : uint
{
    Text = 0x01,
    Binary = 0x02,
    Close = 0x08,
    Open = 0x10,
}
