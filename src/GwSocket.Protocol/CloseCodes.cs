namespace GwSocket.Protocol;

/// <summary>Close status codes (RFC 6455 section 7.4) and which of them may appear in a close frame.</summary>
public static class CloseCodes
{
    public const ushort NormalClosure = 1000;
    public const ushort GoingAway = 1001;
    public const ushort ProtocolError = 1002;
    public const ushort UnsupportedData = 1003;
    public const ushort NoStatus = 1005;
    public const ushort Abnormal = 1006;
    public const ushort InvalidPayload = 1007;
    public const ushort PolicyViolation = 1008;
    public const ushort MessageTooBig = 1009;
    public const ushort MandatoryExtension = 1010;
    public const ushort InternalError = 1011;

    /// <summary>
    /// True for codes a peer may send: 1000-1003 and 1007-1014 (defined by the RFC and the IANA
    /// registry), 3000-4999 (libraries and applications). 1004, 1005, 1006 and 1015 are reserved
    /// and must never be sent; everything else is unassigned.
    /// </summary>
    public static bool IsValidOnWire(int code) => code switch
    {
        >= 1000 and <= 1003 => true,
        >= 1007 and <= 1014 => true,
        >= 3000 and <= 4999 => true,
        _ => false,
    };
}
