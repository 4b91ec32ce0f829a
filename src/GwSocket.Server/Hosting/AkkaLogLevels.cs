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
    /// <summary>Where Akka's remoting and cluster actors live, for events logged under a string source.</summary>
    private static readonly string[] MembershipOrRemotingPaths = ["/system/endpointManager", "/system/transports", "/system/cluster", "/system/remote"];

    /// <param name="logSource">The event's source: an actor path, or a name such as "remoting (akka://gwsocket)".</param>
    /// <param name="message">The event's text; with <paramref name="cause"/>, it tells a failed association from a real error.</param>
    public static LogLevel For(AkkaLevel level, Type? logClass, string? logSource = null, string? message = null, Exception? cause = null) =>
        IsGwSocket(logClass) ? Same(level) : Internal(level, logClass, logSource, message, cause);

    private static bool IsGwSocket(Type? logClass) => logClass?.Namespace?.StartsWith("GwSocket", StringComparison.Ordinal) == true;

    /// <summary>
    /// Errors of membership and remoting stay errors (an oversized message, a serializer failing) unless they are a
    /// peer's association failing, which the router tells as the node being unreachable.
    /// </summary>
    private static LogLevel Internal(AkkaLevel level, Type? logClass, string? logSource, string? message, Exception? cause) => level switch
    {
        AkkaLevel.WarningLevel when !IsMembershipOrRemoting(logClass, logSource) => LogLevel.Warning,
        AkkaLevel.ErrorLevel when !IsMembershipOrRemoting(logClass, logSource) || !IsAssociationFailure(message, cause) => LogLevel.Error,
        _ => LogLevel.Debug,
    };

    private static bool IsAssociationFailure(string? message, Exception? cause) =>
        (cause?.GetType().Name ?? "").Contains("ssociation", StringComparison.Ordinal)
        || (cause?.GetType().Name ?? "").Contains("Disassociated", StringComparison.Ordinal)
        || (message ?? "").Contains("ssociat", StringComparison.Ordinal);

    private static bool IsMembershipOrRemoting(Type? logClass, string? logSource) =>
        IsRemoteOrCluster(logClass)
        || (logSource is not null
            && (logSource.StartsWith("remoting", StringComparison.OrdinalIgnoreCase)
                || logSource.StartsWith("Cluster", StringComparison.Ordinal)
                || MembershipOrRemotingPaths.Any(path => logSource.Contains(path, StringComparison.Ordinal))));

    private static bool IsRemoteOrCluster(Type? type) =>
        type?.Namespace is { } space
        && (space.StartsWith("Akka.Remote", StringComparison.Ordinal) || space.StartsWith("Akka.Cluster", StringComparison.Ordinal));

    private static LogLevel Same(AkkaLevel level) => level switch
    {
        AkkaLevel.DebugLevel => LogLevel.Debug,
        AkkaLevel.InfoLevel => LogLevel.Information,
        AkkaLevel.WarningLevel => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
