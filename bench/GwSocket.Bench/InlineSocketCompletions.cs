namespace GwSocket.Bench;

/// <summary>
/// The clients' socket completions run on the runtime's epoll thread instead of hopping to the thread
/// pool: each receive only scans a buffer, and the hop made the load generator as costly as the server
/// it measures (a core at 100k deliveries/s, and its scheduling in the latency figures).
/// </summary>
internal static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Must run before this process's first socket operation: the runtime reads the variable once.
    /// A value already set (e.g. 0, to compare) is kept.
    /// </summary>
    public static void EnableForThisProcess()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
            Environment.SetEnvironmentVariable(Variable, "1");
    }
}
