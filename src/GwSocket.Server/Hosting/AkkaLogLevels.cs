using AkkaLevel = Akka.Event.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GwSocket.Server.Hosting;

/// <summary>
/// The level an Akka log event is written at. gwsocket's own actors keep theirs. Akka's internals go to debug,
/// except warnings and errors that are not about membership and remoting: those are told at info by the router
/// in one line per event (node joined, unreachable, removed...), where Akka writes a dozen, and a peer's crash
/// would otherwise add an "association failed" error every few seconds until it is removed.
/// </summary>
internal static class AkkaLogLevels
{
    public static LogLevel For(AkkaLevel level, Type? logClass) =>
        IsGwSocket(logClass) ? Same(level) : Internal(level, logClass);

    private static bool IsGwSocket(Type? logClass) => logClass?.Namespace?.StartsWith("GwSocket", StringComparison.Ordinal) == true;

    private static LogLevel Internal(AkkaLevel level, Type? logClass) => level switch
    {
        AkkaLevel.WarningLevel or AkkaLevel.ErrorLevel when !IsMembershipOrRemoting(logClass) => Same(level),
        _ => LogLevel.Debug,
    };

    private static bool IsMembershipOrRemoting(Type? logClass) =>
        logClass?.Namespace is { } space
        && (space.StartsWith("Akka.Remote", StringComparison.Ordinal) || space.StartsWith("Akka.Cluster", StringComparison.Ordinal));

    private static LogLevel Same(AkkaLevel level) => level switch
    {
        AkkaLevel.DebugLevel => LogLevel.Debug,
        AkkaLevel.InfoLevel => LogLevel.Information,
        AkkaLevel.WarningLevel => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
