using Microsoft.Extensions.Logging;

namespace GwSocket.Server.Hosting;

/// <summary>What both log formats write of an event: its time, level name and message.</summary>
internal static class LogLine
{
    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffzzz";

    /// <summary>The names --log-level takes.</summary>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "critical",
    };
}
