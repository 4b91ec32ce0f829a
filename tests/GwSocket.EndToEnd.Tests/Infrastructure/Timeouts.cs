namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Every wait in these tests is on a condition, bounded by one of these limits.
/// They are generous on purpose: a loaded 2-core CI machine must not turn a slow
/// answer into a failure, while a hang still ends long before CI's own limit.
/// </summary>
public static class Timeouts
{
    /// <summary>How long a freshly started gwsocket process may take to accept connections.</summary>
    public static readonly TimeSpan Startup = TimeSpan.FromSeconds(30);

    /// <summary>How long the server may take to answer one step of a conversation.</summary>
    public static readonly TimeSpan Receive = TimeSpan.FromSeconds(15);

    /// <summary>How long a process may take to exit when it has been told to.</summary>
    public static readonly TimeSpan Exit = TimeSpan.FromSeconds(30);

    /// <summary>How long headless Chromium may take to start and open its DevTools endpoint (a first start on a loaded machine takes 10 s or more).</summary>
    public static readonly TimeSpan BrowserStartup = TimeSpan.FromSeconds(60);

    /// <summary>How long a script running in the browser may take, from opening its WebSocket to the clean close.</summary>
    public static readonly TimeSpan BrowserScript = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long three gwsocket nodes may take to start, form a cluster and greet each other's routers, or a restarted
    /// node to rejoin (a first start of three .NET processes on a loaded 2-core machine takes 10 to 20 s).
    /// </summary>
    public static readonly TimeSpan ClusterFormation = TimeSpan.FromSeconds(90);

    /// <summary>The interval between two checks of a condition that cannot be awaited directly.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
}
