using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace GwSocket.Server.Hosting;

/// <summary>
/// One line per event: time, level, message (and, below info, where it comes from). The level is coloured only
/// when stderr is a terminal and NO_COLOR is not set: a redirected stderr gets plain text.
/// </summary>
internal sealed class TextLogFormatter : ConsoleFormatter
{
    public const string FormatterName = "gwsocket-text";

    private const string Reset = "\e[0m";

    private readonly bool _colour;

    public TextLogFormatter()
        : this(colour: !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")))
    {
    }

    internal TextLogFormatter(bool colour)
        : base(FormatterName) => _colour = colour;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
            return;
        textWriter.Write(DateTimeOffset.Now.ToString(LogLine.TimestampFormat));
        textWriter.Write(' ');
        var level = LogLine.LevelName(logEntry.LogLevel);
        if (_colour)
            textWriter.Write(Colour(logEntry.LogLevel));
        textWriter.Write(level);
        if (_colour)
            textWriter.Write(Reset);
        textWriter.Write(": ");
        // Below info the source tells Akka's internals and gwsocket's own lines apart.
        if (logEntry.LogLevel < LogLevel.Information)
            textWriter.Write($"[{logEntry.Category}] ");
        textWriter.Write(OneLine(message));
        // An error's exception is a failure to find in the code: its stack comes along, on the same line.
        if (logEntry.Exception is { } exception)
            textWriter.Write(logEntry.LogLevel >= LogLevel.Error ? $" ({OneLine(exception.ToString())})" : $" ({exception.GetType().Name}: {OneLine(exception.Message)})");
        textWriter.Write('\n');
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" | ");

    private static string Colour(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "\e[90m",
        LogLevel.Information => "\e[32m",
        LogLevel.Warning => "\e[33m",
        _ => "\e[31m",
    };
}
