namespace GwSocket.Protocol.Compression;

/// <summary>
/// The server's side of the permessage-deflate negotiation (RFC 7692 section 7.1): the first offer the server can
/// honour wins; an offer it cannot honour (an unknown or repeated parameter, a bad value) is declined, never
/// the handshake: without an acceptable offer the connection goes on uncompressed.
/// </summary>
public static class PerMessageDeflateNegotiation
{
    private const string ServerNoContextTakeover = "server_no_context_takeover";
    private const string ClientNoContextTakeover = "client_no_context_takeover";
    private const string ServerMaxWindowBits = "server_max_window_bits";
    private const string ClientMaxWindowBits = "client_max_window_bits";

    /// <summary>
    /// What to agree with a client whose Sec-WebSocket-Extensions header (its lines joined by commas) is
    /// <paramref name="extensionsHeader"/>, or null when it offers no permessage-deflate the server can accept.
    /// </summary>
    public static PerMessageDeflate? Negotiate(string? extensionsHeader)
    {
        if (string.IsNullOrWhiteSpace(extensionsHeader))
            return null;
        foreach (var offer in ExtensionHeader.Parse(extensionsHeader))
        {
            if (offer.Name.Equals(PerMessageDeflate.ExtensionName, StringComparison.OrdinalIgnoreCase)
                && TryAccept(offer) is { } accepted)
                return accepted;
        }
        return null;
    }

    private static PerMessageDeflate? TryAccept(ExtensionOffer offer)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int? serverMaxWindowBits = null;
        foreach (var (name, value) in offer.Parameters)
        {
            // 7.1: "the offer has ... multiple extension parameters with the same name" -> decline.
            if (!seen.Add(name))
                return null;
            switch (name.ToLowerInvariant())
            {
                // 7.1.1.1 and 7.1.1.2: neither has a value. The server avoids context takeover anyway,
                // and asks the client to avoid it too, whether or not it offered to.
                case ServerNoContextTakeover or ClientNoContextTakeover when value is null:
                    break;
                // 7.1.2.1: the value is required. Any of 8..15 can be honoured: see PerMessageDeflate.AcceptsCompressed.
                case ServerMaxWindowBits when ParseWindowBits(value) is { } bits:
                    serverMaxWindowBits = bits;
                    break;
                // 7.1.2.2: with or without a value. The server inflates with the largest window, so whatever the
                // client uses is fine, and it does not answer this parameter.
                case ClientMaxWindowBits when value is null || ParseWindowBits(value) is not null:
                    break;
                default:
                    return null;
            }
        }
        return serverMaxWindowBits is null ? PerMessageDeflate.Default : new PerMessageDeflate(serverMaxWindowBits);
    }

    /// <summary>7.1.2.1: "a decimal integer value without leading zeros between 8 to 15, inclusive".</summary>
    private static int? ParseWindowBits(string? value) =>
        value is { Length: 1 or 2 } && value[0] != '0' && value.All(char.IsAsciiDigit) && int.Parse(value) is >= 8 and <= 15 and var bits
            ? bits
            : null;
}
