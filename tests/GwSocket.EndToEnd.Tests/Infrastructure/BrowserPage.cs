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

    /// <summary>Loads a URL in this tab and waits until its load event.</summary>
    public async Task NavigateAsync(Uri url, CancellationToken ct)
    {
        await _devTools.SendAsync("Page.enable", new { }, ct, _sessionId);
        var navigated = await _devTools.SendAsync("Page.navigate", new { url = url.ToString() }, ct, _sessionId);
        if (navigated.TryGetProperty("errorText", out var error))
        {
            throw new InvalidOperationException($"Chromium could not load {url}: {error}");
        }

        await EvaluateAsync("new Promise(resolve => document.readyState === 'complete' ? resolve(true) : addEventListener('load', () => resolve(true)))", ct);
    }

    /// <summary>A PNG of the tab's viewport, at the given size.</summary>
    public async Task<byte[]> CaptureScreenshotAsync(int width, int height, CancellationToken ct)
    {
        await SetViewportAsync(width, height, mobile: false, ct);
        return await CaptureScreenshotAsync(ct);
    }

    /// <summary>A PNG of the tab's viewport as it is.</summary>
    public async Task<byte[]> CaptureScreenshotAsync(CancellationToken ct)
    {
        var shot = await _devTools.SendAsync("Page.captureScreenshot", new { format = "png" }, ct, _sessionId);
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }

    /// <summary>A PNG of the whole page as laid out for the current viewport, below the fold too.</summary>
    public async Task<byte[]> CaptureFullPageAsync(CancellationToken ct)
    {
        var content = (await _devTools.SendAsync("Page.getLayoutMetrics", new { }, ct, _sessionId)).GetProperty("cssContentSize");
        var clip = new { x = 0, y = 0, width = content.GetProperty("width").GetDouble(), height = content.GetProperty("height").GetDouble(), scale = 1 };
        var shot = await _devTools.SendAsync(
            "Page.captureScreenshot", new { format = "png", clip, captureBeyondViewport = true }, ct, _sessionId);
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }

    /// <summary>Lays the page out for a screen of this size; <paramref name="mobile"/> as a phone's browser (meta viewport).</summary>
    public Task SetViewportAsync(int width, int height, bool mobile, CancellationToken ct) =>
        _devTools.SendAsync(
            "Emulation.setDeviceMetricsOverride", new { width, height, deviceScaleFactor = 1, mobile }, ct, _sessionId);
}
