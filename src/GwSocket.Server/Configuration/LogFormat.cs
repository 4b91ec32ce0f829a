using System.Diagnostics.CodeAnalysis;

namespace GwSocket.Server.Configuration;

/// <summary>--log-format: one line of text per event for people, or one JSON object per line for log shippers.</summary>
internal enum LogFormat
{
    Text,
    Json,
}

internal static class LogFormats
{
    public static bool TryParse(string text, out LogFormat format, [NotNullWhen(false)] out string? error)
    {
        switch (text)
        {
            case "text":
                format = LogFormat.Text;
                return SettingValues.Ok(out error);
            case "json":
                format = LogFormat.Json;
                return SettingValues.Ok(out error);
            default:
                format = LogFormat.Text;
                return SettingValues.Fail($"'{text}' is neither text nor json", out error);
        }
    }
}
