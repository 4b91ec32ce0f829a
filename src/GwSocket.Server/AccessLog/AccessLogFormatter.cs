using System.Globalization;
using System.Text;

namespace GwSocket.Server.AccessLog;

/// <summary>
/// gwsocket's access log line:
/// <c>ip - - [24/Nov/2026:20:01:02 +0000] "GET /path HTTP/1.1" 101 312 "referer" "user-agent" 1234</c>.
/// </summary>
internal static class AccessLogFormatter
{
    public static string Format(AccessLogEntry entry)
    {
        var line = new StringBuilder(256);
        line.Append(Field(entry.RemoteIp)).Append(" - - [").Append(Timestamp(entry.Time)).Append("] \"")
            .Append(Field(entry.Method)).Append(' ').Append(Field(entry.Target)).Append(' ').Append(Field(entry.Protocol)).Append("\" ")
            .Append(entry.Status.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(entry.Bytes.ToString(CultureInfo.InvariantCulture)).Append(" \"")
            .Append(Field(entry.Referer)).Append("\" \"")
            .Append(Field(entry.UserAgent)).Append("\" ")
            .Append(((long)entry.Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        return line.ToString();
    }

    /// <summary>Apache's <c>%d/%b/%Y:%H:%M:%S %z</c>.</summary>
    public static string Timestamp(DateTimeOffset time)
    {
        var offset = time.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var absolute = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture,
            $"{time:dd/MMM/yyyy:HH:mm:ss} {sign}{absolute.Hours:00}{absolute.Minutes:00}");
    }

    /// <summary>
    /// A client-controlled value made safe for one log line: backslash, quote, CR, LF and tab escaped as gwsocket
    /// does; other control characters and non-ASCII bytes as <c>\xNN</c>; empty as <c>-</c>.
    /// </summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "-";
        var escaped = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
            AppendEscaped(escaped, rune);
        return escaped.ToString();
    }

    private static void AppendEscaped(StringBuilder escaped, Rune rune)
    {
        switch (rune.Value)
        {
            case '\\': escaped.Append(@"\\"); return;
            case '"': escaped.Append("\\\""); return;
            case '\n': escaped.Append(@"\n"); return;
            case '\r': escaped.Append(@"\r"); return;
            case '\t': escaped.Append(@"\t"); return;
            case >= 0x20 and < 0x7f: escaped.Append((char)rune.Value); return;
        }
        Span<byte> utf8 = stackalloc byte[4];
        var length = rune.EncodeToUtf8(utf8);
        foreach (var b in utf8[..length])
            escaped.Append(@"\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
    }
}
