namespace GwSocket.Protocol;

public enum HandshakeStatus
{
    Accepted,
    /// <summary>Answer 400 Bad Request and do not upgrade.</summary>
    BadRequest,
    /// <summary>Answer 426 Upgrade Required with <c>Sec-WebSocket-Version: 13</c>.</summary>
    UpgradeRequired,
}

public readonly record struct HandshakeResult(HandshakeStatus Status, string? Reason)
{
    public static HandshakeResult Accepted => new(HandshakeStatus.Accepted, null);

    public bool IsAccepted => Status == HandshakeStatus.Accepted;
}
