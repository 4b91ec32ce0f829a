using Akka.Event;
using Microsoft.Extensions.Logging;

namespace GwSocket.Server.Hosting;

/// <summary>
/// Akka's logger for the very start and end of the actor system, when <see cref="AkkaLogBridge"/> does not run yet or
/// any more. Akka's own writes to stdout, and Akka.Remote's last lines at shutdown reached it despite stdout-loglevel =
/// OFF; stdout is data with --stdout. It writes to stderr, in the text format, only what would be written at warning
/// or above: its info lines (remoting shut down...) are Akka's internals.
/// </summary>
internal sealed class StderrMinimalLogger : MinimalLogger
{
    protected override void Log(object message)
    {
        if (message is not LogEvent logEvent)
            return;
        var text = logEvent.Message?.ToString() ?? "";
        var level = AkkaLogLevels.For(logEvent.LogLevel(), logEvent.LogClass, logEvent.LogSource, text, logEvent.Cause);
        if (level < Microsoft.Extensions.Logging.LogLevel.Warning)
            return;
        Console.Error.WriteLine(
            $"{DateTimeOffset.Now.ToString(LogLine.TimestampFormat)} {LogLine.LevelName(level)}: {text.ReplaceLineEndings(" | ")}");
    }
}
