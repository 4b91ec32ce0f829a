using System.Text;

namespace GwSocket.Protocol.Compression;

/// <summary>One element of a Sec-WebSocket-Extensions header: an extension's name and its parameters, in order.</summary>
internal sealed record ExtensionOffer(string Name, IReadOnlyList<ExtensionParameter> Parameters);

/// <summary>A parameter of an extension offer; <see cref="Value"/> is null when it has none, unquoted when it was quoted.</summary>
internal readonly record struct ExtensionParameter(string Name, string? Value);

/// <summary>
/// Reads a Sec-WebSocket-Extensions value (RFC 6455 section 9.1): comma-separated elements
/// <c>extension-token *( ";" name [ "=" (token | quoted-string) ] )</c>. An element that breaks this grammar is
/// left out, not the whole header: the client's other offers may still be usable.
/// </summary>
internal static class ExtensionHeader
{
    public static List<ExtensionOffer> Parse(string value)
    {
        var offers = new List<ExtensionOffer>();
        foreach (var element in SplitOutsideQuotes(value, ','))
        {
            if (element.Trim().Length == 0)
                continue; // "#rule" lists allow empty elements
            if (TryParseElement(element) is { } offer)
                offers.Add(offer);
        }
        return offers;
    }

    private static ExtensionOffer? TryParseElement(string element)
    {
        var parts = SplitOutsideQuotes(element, ';');
        var name = parts[0].Trim();
        if (!IsToken(name))
            return null;
        var parameters = new List<ExtensionParameter>(parts.Count - 1);
        foreach (var part in parts.Skip(1))
        {
            if (TryParseParameter(part) is not { } parameter)
                return null;
            parameters.Add(parameter);
        }
        return new ExtensionOffer(name, parameters);
    }

    private static ExtensionParameter? TryParseParameter(string part)
    {
        var equals = part.IndexOf('=');
        var name = (equals < 0 ? part : part[..equals]).Trim();
        if (!IsToken(name))
            return null;
        if (equals < 0)
            return new ExtensionParameter(name, null);
        var value = part[(equals + 1)..].Trim();
        if (IsToken(value))
            return new ExtensionParameter(name, value);
        return TryUnquote(value) is { } unquoted ? new ExtensionParameter(name, unquoted) : null;
    }

    /// <summary>The content of a quoted-string (RFC 7230 section 3.2.6), backslash escapes resolved; null when it is not one.</summary>
    private static string? TryUnquote(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
            return null;
        var content = new StringBuilder(value.Length - 2);
        for (var i = 1; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c == '\\')
            {
                if (++i == value.Length - 1)
                    return null;
                c = value[i];
            }
            else if (c == '"')
            {
                return null;
            }
            content.Append(c);
        }
        return content.ToString();
    }

    /// <summary>Splits at <paramref name="separator"/> where it is not inside a quoted-string.</summary>
    private static List<string> SplitOutsideQuotes(string value, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (quoted && c == '\\')
                i++;
            else if (c == '"')
                quoted = !quoted;
            else if (!quoted && c == separator)
            {
                parts.Add(value[start..i]);
                start = i + 1;
            }
        }
        parts.Add(value[start..]);
        return parts;
    }

    /// <summary>RFC 7230 section 3.2.6: 1*tchar.</summary>
    private static bool IsToken(string value)
    {
        if (value.Length == 0)
            return false;
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)))
                return false;
        }
        return true;
    }
}
