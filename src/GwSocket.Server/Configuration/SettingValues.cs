using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace GwSocket.Server.Configuration;

/// <summary>Checks a setting's text, whether it came from the command line or from HOCON.</summary>
internal static class SettingValues
{
    private const long MinHeaderSize = 1024;
    private const long MaxHeaderSize = 1024 * 1024;

    public delegate bool TryParse<T>(string text, out T value, [NotNullWhen(false)] out string? error);

    public static bool TryParsePort(string text, out int port, [NotNullWhen(false)] out string? error)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535)
            return Ok(out error);
        return Fail($"'{text}' is not a valid port (1-65535)", out error);
    }

    /// <summary>An IPv4 or IPv6 literal; the empty string means every interface (null).</summary>
    public static bool TryParseAddress(string text, out IPAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (text.Length == 0)
            return Ok(out error);
        // IPAddress.TryParse accepts bare integers such as "1"; gwsocket's users mean literals.
        if (text.Contains('.') || text.Contains(':'))
        {
            var literal = text.StartsWith('[') && text.EndsWith(']') ? text[1..^1] : text;
            if (IPAddress.TryParse(literal, out address))
                return Ok(out error);
        }
        return Fail($"'{text}' is not an IPv4 or IPv6 address", out error);
    }

    public static bool TryParseFrameSize(string text, out long bytes, [NotNullWhen(false)] out string? error)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out bytes))
            return CheckFrameSize(bytes, text, out error);
        return Fail($"'{text}' is not a number of bytes", out error);
    }

    public static bool CheckFrameSize(long bytes, string text, [NotNullWhen(false)] out string? error) =>
        bytes > 0 ? Ok(out error) : Fail($"'{text}' must be a positive number of bytes", out error);

    /// <summary>A count of clients; 0 means no cap of its own.</summary>
    public static bool TryParseMaxConnections(string text, out int count, [NotNullWhen(false)] out string? error)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count))
            return Ok(out error);
        return Fail($"'{text}' is not a number of connections (0 for no cap)", out error);
    }

    public static bool TryParseMaxPipeConnections(string text, out int count, [NotNullWhen(false)] out string? error)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0)
            return Ok(out error);
        return Fail($"'{text}' is not a number of connections, 1 or more", out error);
    }

    public static bool TryParseHeaderSize(string text, out int bytes, [NotNullWhen(false)] out string? error)
    {
        bytes = 0;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return Fail($"'{text}' is not a number of bytes", out error);
        if (!CheckHeaderSize(value, text, out error))
            return false;
        bytes = (int)value;
        return true;
    }

    /// <summary>A request head must hold at least an upgrade request; above 1 MiB a limit protects nothing.</summary>
    public static bool CheckHeaderSize(long bytes, string text, [NotNullWhen(false)] out string? error) =>
        bytes is >= MinHeaderSize and <= MaxHeaderSize
            ? Ok(out error)
            : Fail($"'{text}' must be between {MinHeaderSize} and {MaxHeaderSize} bytes", out error);

    /// <summary>Whole or fractional seconds, as the command line gives durations; zero turns keepalive off.</summary>
    public static bool TryParseIntervalSeconds(string text, out TimeSpan interval, [NotNullWhen(false)] out string? error) =>
        TryParseSeconds(text, allowZero: true, out interval, out error);

    public static bool TryParseTimeoutSeconds(string text, out TimeSpan timeout, [NotNullWhen(false)] out string? error) =>
        TryParseSeconds(text, allowZero: false, out timeout, out error);

    public static bool CheckDuration(TimeSpan duration, bool allowZero, [NotNullWhen(false)] out string? error)
    {
        if (duration > TimeSpan.Zero || (allowZero && duration == TimeSpan.Zero))
            return Ok(out error);
        return Fail(allowZero ? "must not be negative" : "must be longer than zero", out error);
    }

    /// <summary>A switch given a value on the command line: on or off.</summary>
    public static bool TryParseOnOff(string text, out OnOff value, [NotNullWhen(false)] out string? error)
    {
        value = text == "on" ? OnOff.On : OnOff.Off;
        return text is "on" or "off" ? Ok(out error) : Fail($"'{text}' is neither on nor off", out error);
    }

    public static bool TryParseNonEmpty(string text, out string value, [NotNullWhen(false)] out string? error)
    {
        value = text;
        return text.Length > 0 ? Ok(out error) : Fail("must not be empty", out error);
    }

    public static bool TryParseExistingFile(string text, out string path, [NotNullWhen(false)] out string? error)
    {
        path = text;
        if (text.Length == 0)
            return Fail("must not be empty", out error);
        return File.Exists(text) ? Ok(out error) : Fail($"'{text}': no such file", out error);
    }

    private static bool TryParseSeconds(string text, bool allowZero, out TimeSpan duration, [NotNullWhen(false)] out string? error)
    {
        duration = TimeSpan.Zero;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds) || seconds > int.MaxValue)
        {
            return Fail($"'{text}' is not a number of seconds", out error);
        }
        duration = TimeSpan.FromSeconds(seconds);
        if (CheckDuration(duration, allowZero, out error))
            return true;
        error = $"'{text}' {error}";
        return false;
    }

    internal static bool Ok(out string? error)
    {
        error = null;
        return true;
    }

    internal static bool Fail(string reason, [NotNull] out string? error)
    {
        error = reason;
        return false;
    }
}

/// <summary>
/// The value of a switch such as --compression=on|off. An enum, not a bool: System.CommandLine gives a bool option a
/// value even when it is absent, and the command line must win over HOCON only when it was given.
/// </summary>
internal enum OnOff
{
    Off = 1,
    On = 2,
}
