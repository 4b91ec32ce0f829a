namespace GwSocket.Protocol.Compression;

/// <summary>
/// permessage-deflate as agreed with one client (RFC 7692). The server always answers
/// <c>server_no_context_takeover</c>, so that one compressed frame is valid for every client, and
/// <c>client_no_context_takeover</c>, so that no inflate state outlives a message.
/// </summary>
/// <param name="ServerMaxWindowBits">The client's <c>server_max_window_bits</c>, when it asked for one (8 to 15).</param>
public sealed record PerMessageDeflate(int? ServerMaxWindowBits)
{
    public const string ExtensionName = "permessage-deflate";

    /// <summary>No window limit asked: the client inflates with the largest window.</summary>
    public static readonly PerMessageDeflate Default = new((int?)null);

    /// <summary>The value of the Sec-WebSocket-Extensions header of the 101 response.</summary>
    public string ResponseHeaderValue => ServerMaxWindowBits is { } bits
        ? $"{ExtensionName}; server_no_context_takeover; client_no_context_takeover; server_max_window_bits={bits}"
        : $"{ExtensionName}; server_no_context_takeover; client_no_context_takeover";

    /// <summary>
    /// Whether this client may get a message of <paramref name="payloadLength"/> bytes compressed. The compressor's
    /// window is zlib's largest, but without context takeover a back-reference never reaches further than the
    /// message's own length, so a message no longer than the client's window is within it whatever compressed it.
    /// </summary>
    public bool AcceptsCompressed(long payloadLength) =>
        ServerMaxWindowBits is not { } bits || payloadLength <= 1L << bits;
}
