using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Browser;

/// <summary>
/// A real browser (Debian's headless Chromium) against the real gwsocket --echo-mode, over ws:// and wss://.
/// </summary>
// Driven over the DevTools protocol, not --dump-dom: Runtime.evaluate awaits the script's own promise, so
// the test waits on the conversation's real end instead of a virtual-time budget that ignores socket I/O.
public sealed class BrowserEchoTests
{
    private const string PagePath = "/browser-echo";

    [Fact]
    public async Task Chromium_exchanges_text_and_binary_messages_over_ws()
    {
        using var directory = new TempDirectory();
        var accessLog = directory.File("access.log");
        await using var server = await GwSocketProcess.StartAsync("--echo-mode", $"--access-log={accessLog}");
        await using var browser = await HeadlessChromium.StartAsync(directory.File("chromium-profile"));

        var report = await RunConversationAsync(browser, server, new Uri($"ws://127.0.0.1:{server.Port}{PagePath}"));

        await AssertServedToThisBrowserAsync(accessLog, report);
    }

    [Fact]
    public async Task Chromium_exchanges_text_and_binary_messages_over_wss()
    {
        using var directory = new TempDirectory();
        var accessLog = directory.File("access.log");
        var certificate = SelfSignedCertificate.WriteTo(directory);
        await using var server = await GwSocketProcess.StartAsync(
            "--echo-mode", $"--access-log={accessLog}",
            $"--ssl-cert={certificate.CertificatePath}", $"--ssl-key={certificate.KeyPath}");
        // Trust exactly this test's certificate, rather than every certificate (--ignore-certificate-errors).
        await using var browser = await HeadlessChromium.StartAsync(
            directory.File("chromium-profile"), $"--ignore-certificate-errors-spki-list={certificate.SpkiSha256}");

        var report = await RunConversationAsync(browser, server, new Uri($"wss://127.0.0.1:{server.Port}{PagePath}"));

        await AssertServedToThisBrowserAsync(accessLog, report);
    }

    private static async Task<EchoConversationReport> RunConversationAsync(
        HeadlessChromium browser, GwSocketProcess server, Uri url)
    {
        using var deadline = new CancellationTokenSource(Timeouts.BrowserScript);
        var page = await browser.OpenPageAsync(deadline.Token);
        var report = EchoConversationReport.From(await page.EvaluateAsync(EchoConversationScript.For(url), deadline.Token));

        var failed = report.Checks.Any(c => !c.Ok) || !report.Checks.Select(c => c.Name).SequenceEqual(EchoConversationScript.CheckNames);
        Assert.False(failed, $"{report}{server.Diagnostics()}{browser.Diagnostics()}");
        return report;
    }

    /// <summary>The server's access log shows the upgrade, with the user agent the page itself reports.</summary>
    private static async Task AssertServedToThisBrowserAsync(string accessLog, EchoConversationReport report)
    {
        Assert.Contains("Chrome/", report.UserAgent);
        var line = await LogFile.WaitForLineAsync(accessLog, l => l.Contains($"\"GET {PagePath} HTTP/1.1\" 101 "));
        Assert.EndsWith($"\"{report.UserAgent}\"", line[..line.LastIndexOf(' ')]);
    }
}
