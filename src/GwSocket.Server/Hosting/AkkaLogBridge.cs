using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Dispatch;
using Akka.Event;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GwSocket.Server.Hosting;

/// <summary>
/// Akka's logger: its events go to Microsoft.Extensions.Logging, so they share gwsocket's one line format, under the
/// name of the class that logged them, at the level <see cref="AkkaLogLevels"/> gives them. The exception of an
/// event goes along, with its stack, at debug and at error (an actor that threw: where from is what matters); at info
/// and warning its message is enough.
/// </summary>
internal sealed class AkkaLogBridge : ActorBase, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly ILoggerFactory _loggers = DependencyResolver.For(Context.System).Resolver.GetService<ILoggerFactory>();
    private readonly Dictionary<string, ILogger> _byName = [];

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case InitializeLogger:
                Sender.Tell(new LoggerInitialized());
                return true;
            case LogEvent logEvent:
                Write(logEvent);
                return true;
            default:
                return false;
        }
    }

    private void Write(LogEvent logEvent)
    {
        var text = logEvent.Message?.ToString() ?? "";
        var level = AkkaLogLevels.For(logEvent.LogLevel(), logEvent.LogClass, logEvent.LogSource, text, logEvent.Cause);
        var logger = LoggerFor(logEvent);
        if (!logger.IsEnabled(level))
            return;
        if (logEvent.Cause is not { } cause)
            logger.Log(level, "{Message}", text);
        else if (level is <= LogLevel.Debug or >= LogLevel.Error)
            logger.Log(level, cause, "{Message}", text);
        else if (text.Contains(cause.Message, StringComparison.Ordinal))
            logger.Log(level, "{Message}", text);
        else
            logger.Log(level, "{Message}: {Cause}", text, cause.Message);
    }

    /// <summary>A logger named after the class that logged, or after the source when Akka logged under a name.</summary>
    private ILogger LoggerFor(LogEvent logEvent)
    {
        var name = logEvent.LogClass is { } type && type != typeof(DummyClassForStringSources)
            ? type.FullName ?? type.Name
            : "Akka " + logEvent.LogSource;
        if (!_byName.TryGetValue(name, out var logger))
            _byName[name] = logger = _loggers.CreateLogger(name);
        return logger;
    }
}
