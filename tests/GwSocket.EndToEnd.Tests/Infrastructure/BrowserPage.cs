using System.Text.Json;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>One tab of <see cref="HeadlessChromium"/>, attached through its DevTools session.</summary>
public sealed class BrowserPage
{
    private readonly DevToolsConnection _devTools;
    private readonly string _sessionId;

    private BrowserPage(DevToolsConnection devTools, string sessionId)
    {
        _devTools = devTools;
        _sessionId = sessionId;
    }

    /// <summary>Opens a new about:blank tab and attaches to it.</summary>
    public static async Task<BrowserPage> OpenAsync(DevToolsConnection devTools, CancellationToken ct)
    {
        var target = await devTools.SendAsync("Target.createTarget", new { url = "about:blank" }, ct);
        var attached = await devTools.SendAsync(
            "Target.attachToTarget", new { targetId = target.GetProperty("targetId").GetString(), flatten = true }, ct);
        return new BrowserPage(devTools, attached.GetProperty("sessionId").GetString()!);
    }

    /// <summary>
    /// Evaluates a JavaScript expression in the page, waits for the promise it returns,
    /// and gives back the promise's value as JSON. A script that throws fails the call.
    /// </summary>
    public async Task<JsonElement> EvaluateAsync(string expression, CancellationToken ct)
    {
        var answer = await _devTools.SendAsync(
            "Runtime.evaluate", new { expression, awaitPromise = true, returnByValue = true }, ct, _sessionId);
        if (answer.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"The script threw in the browser: {exception}");
        }

        return answer.GetProperty("result").GetProperty("value");
    }
}
