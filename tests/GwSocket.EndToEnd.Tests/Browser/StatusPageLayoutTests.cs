using System.Net.WebSockets;
using System.Text.Json;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Browser;

/// <summary>
/// The status page as a user opens it on a node that has been running: the charts start with the past the node kept,
/// and the page reads without scrolling sideways on a laptop (1300×800) and on a phone (390×844). The screenshots of
/// whole page at both sizes are kept as test artefacts (status-page-1300x800.png, status-page-390x844.png).
/// </summary>
public sealed class StatusPageLayoutTests
{
    /// <summary>Seconds of stats the node must have kept before the page opens.</summary>
    private const int KeptSeconds = 15;

    private const string Measure =
        "({ updates: Number(document.body.dataset.updates), points: Number(document.getElementById('chart-clients').dataset.points), " +
        "viewport: window.innerWidth, scrollWidth: document.documentElement.scrollWidth, " +
        "tableWidth: document.getElementById('nodes').getBoundingClientRect().right, " +
        "clientsLabel: document.querySelector('tr[data-node=\"layout-node\"] td.clients')?.dataset.label })";

    [Fact]
    public async Task Status_page_opens_with_the_kept_history_and_fits_a_laptop_and_a_phone()
    {
        using var directory = new TempDirectory();
        await using var server = await GwSocketProcess.StartAsync("--echo-mode", "--node-name=layout-node");
        using var client = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port));
        int kept;
        try
        {
            kept = await WaitForKeptHistoryAsync(server.Port);
        }
        catch (WebSocketException e)
        {
            throw new Xunit.Sdk.XunitException($"the status feed failed: {e.Message}{server.Diagnostics()}");
        }
        await using var browser = await HeadlessChromium.StartAsync(directory.File("chromium-profile"));
        using var deadline = new CancellationTokenSource(Timeouts.BrowserScript);
        var page = await browser.OpenPageAsync(deadline.Token);

        await page.SetViewportAsync(1300, 800, mobile: false, deadline.Token);
        await page.NavigateAsync(new Uri($"http://127.0.0.1:{server.Port}/status"), deadline.Token);
        var laptop = await page.EvaluateAsync(PageScripts.WaitFor(
            "Number(document.body.dataset.updates) >= 1 && document.querySelector('tr[data-node=\"layout-node\"]')", Measure, Timeouts.BrowserScript), deadline.Token);
        var laptopShot = TestArtefacts.Save("status-page-1300x800.png", await page.CaptureFullPageAsync(deadline.Token));

        await page.SetViewportAsync(390, 844, mobile: true, deadline.Token);
        var shownUpdates = laptop.GetProperty("updates").GetInt32();
        var phone = await page.EvaluateAsync(PageScripts.WaitFor(
            $"window.innerWidth === 390 && Number(document.body.dataset.updates) > {shownUpdates}", Measure, Timeouts.BrowserScript), deadline.Token);
        var phoneShot = TestArtefacts.Save("status-page-390x844.png", await page.CaptureFullPageAsync(deadline.Token));

        var context = $"node kept {kept} s; laptop {laptop} ({laptopShot}); phone {phone} ({phoneShot}){server.Diagnostics()}";
        // Every point the page opened with beyond the messages it received came from the node's history.
        Assert.True(laptop.GetProperty("points").GetInt32() - laptop.GetProperty("updates").GetInt32() >= KeptSeconds - 2, context);
        foreach (var shown in new[] { laptop, phone })
        {
            Assert.True(shown.GetProperty("scrollWidth").GetInt32() <= shown.GetProperty("viewport").GetInt32(), context);
            Assert.True(shown.GetProperty("tableWidth").GetDouble() <= shown.GetProperty("viewport").GetInt32(), context);
        }
        // On the phone each node is a card whose lines name their figure.
        Assert.True(phone.GetProperty("clientsLabel").GetString() == "clients", context);
    }

    /// <summary>Opens /status/ws until its first message holds at least <see cref="KeptSeconds"/> stats of the node; returns how many.</summary>
    private static async Task<int> WaitForKeptHistoryAsync(int port)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(KeptSeconds) + Timeouts.Startup);
        var kept = 0;
        while (kept < KeptSeconds)
        {
            using (var feed = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(port, "/status/ws")))
            {
                var (_, json) = await feed.ReceiveMessageAsync();
                using var first = JsonDocument.Parse(json);
                kept = first.RootElement.GetProperty("history").EnumerateArray().Select(node => node.GetArrayLength()).DefaultIfEmpty(0).Max();
                await feed.CloseAsync(WebSocketCloseStatus.NormalClosure, "", deadline.Token);
            }
            if (kept < KeptSeconds)
                await Task.Delay(TimeSpan.FromSeconds(1), deadline.Token);
        }
        return kept;
    }
}
