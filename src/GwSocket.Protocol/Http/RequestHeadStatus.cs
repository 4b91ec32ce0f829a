namespace GwSocket.Protocol.Http;

public enum RequestHeadStatus
{
    /// <summary>The head is well formed so far; its end has not arrived.</summary>
    Incomplete,
    Complete,
    /// <summary>The request line or the headers are over their limit.</summary>
    TooLarge,
    /// <summary>Not an HTTP/1.x request head this parser accepts.</summary>
    Malformed,
}
