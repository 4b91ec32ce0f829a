using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace GwSocket.Server.Configuration;

/// <summary>--log-level and gwsocket.log-level: a level name, and the same level in Akka's terms.</summary>
internal static class LogLevels
{
    private static readonly Dictionary<string, LogLevel> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["trace"] = LogLevel.Trace,
        ["debug"] = LogLevel.Debug,
        ["info"] = LogLevel.Information,
        ["information"] = LogLevel.Information,
        ["warning"] = LogLevel.Warning,
        ["error"] = LogLevel.Error,
        ["critical"] = LogLevel.Critical,
        ["none"] = LogLevel.None,
    };

    public static bool TryParse(string text, out LogLevel level, [NotNullWhen(false)] out string? error)
    {
        if (ByName.TryGetValue(text, out level))
            return SettingValues.Ok(out error);
        return SettingValues.Fail($"'{text}' is not a log level (trace, debug, info, warning, error, critical, none)", out error);
    }

    /// <summary>Akka has no trace nor critical: they become its nearest, DEBUG and ERROR.</summary>
    public static string ForAkka(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error or LogLevel.Critical => "ERROR",
        _ => "OFF",
    };
}
