using GwSocket.Server.Configuration;

namespace GwSocket.Server.Hosting;

/// <summary>
/// Socket completions and Kestrel's pipe continuations run on the thread that completed them instead of
/// hopping to the thread pool: a delivery's send then happens on the connection actor's own thread, and a
/// read completion only tells the actor. Nothing on that path blocks, which is what makes it safe here.
/// Not with TLS: a TLS handshake's key exchange would run on the I/O thread and stall every other
/// connection's I/O behind it.
/// </summary>
internal static class InlineIoScheduling
{
    private const string SocketCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static bool AppliesTo(GwSocketSettings settings) => !settings.UsesTls;

    /// <summary>
    /// The runtime's half, process-wide: it reads the variable once, so this must run before the process's
    /// first socket operation. A value the user already set (0 to turn it off) is kept.
    /// </summary>
    public static void EnableSocketCompletionsFor(GwSocketSettings settings)
    {
        if (AppliesTo(settings) && Environment.GetEnvironmentVariable(SocketCompletionsVariable) is null)
            Environment.SetEnvironmentVariable(SocketCompletionsVariable, "1");
    }
}
