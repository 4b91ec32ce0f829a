using GwSocket.Server.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace GwSocket.Server.Hosting;

internal static class StderrLogging
{
    /// <summary>Every log line goes to stderr, in the --log-format: stdout is data when --stdout is on.</summary>
    public static ILoggingBuilder AddGwSocketLogging(this ILoggingBuilder logging, LogLevel level, LogFormat format)
    {
        logging.ClearProviders()
            .SetMinimumLevel(level)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            // It logs only request starts and ends (Information, Debug), and while any level of it is on, every request gets an Activity.
            .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None)
            // The host logs start and stop failures with stack traces; GwSocketServer reports them in one line.
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
            // "Now listening on": StartupLog says where the server listens, in its one line.
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning)
            .AddConsole(console => console.FormatterName = format == LogFormat.Json ? JsonLogFormatter.FormatterName : TextLogFormatter.FormatterName)
            .AddConsoleFormatter<TextLogFormatter, ConsoleFormatterOptions>()
            .AddConsoleFormatter<JsonLogFormatter, ConsoleFormatterOptions>();
        logging.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        var console = logging.Services.Single(service => service.ServiceType == typeof(ILoggerProvider) && service.ImplementationType == typeof(ConsoleLoggerProvider));
        logging.Services.Remove(console);
        logging.Services.AddSingleton<ILoggerProvider>(services => new ScopelessLoggerProvider(ActivatorUtilities.CreateInstance<ConsoleLoggerProvider>(services)));
        return logging;
    }
}
