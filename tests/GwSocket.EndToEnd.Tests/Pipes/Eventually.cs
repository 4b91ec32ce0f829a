using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Pipes;

/// <summary>Waits for a condition that cannot be awaited directly, checking it every <see cref="Timeouts.Poll"/>.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, Func<string> describeFailure, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeouts.Receive);
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(describeFailure());
            }

            await Task.Delay(Timeouts.Poll);
        }
    }

    /// <summary>Waits until the server has logged a line containing <paramref name="text"/> on stderr.</summary>
    public static Task LoggedAsync(GwSocketProcess server, string text) =>
        TrueAsync(() => server.StandardError.Text.Contains(text, StringComparison.Ordinal),
            () => $"gwsocket never logged '{text}'.{server.Diagnostics()}");
}
