using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace GwSocket.Server.Hosting;

public static class StderrLogging
{
    /// <summary>Every log line goes to stderr: stdout is data when --stdout is on.</summary>
    public static ILoggingBuilder AddGwSocketLogging(this ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders()
            .SetMinimumLevel(level)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            // It logs only request starts and ends (Information, Debug), and while any level of it is on, every request gets an Activity.
            .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None)
            // The host logs start and stop failures with stack traces; GwSocketServer reports them in one line.
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffzzz ";
            });
        logging.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        return logging;
    }
}
