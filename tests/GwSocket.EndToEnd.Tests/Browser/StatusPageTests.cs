using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Browser;

/// <summary>Headless Chromium loads a real node's /status and sees its real clients and traffic.</summary>
public sealed class StatusPageTests
{
    [Fact]
    public async Task Status_page_shows_the_node_its_clients_and_traffic_live()
    {
        using var directory = new TempDirectory();
        await using var server = await GwSocketProcess.StartAsync("--echo-mode", "--node-name=status-node");
        using var first = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port));
        using var second = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port));
        await using var browser = await HeadlessChromium.StartAsync(directory.File("chromium-profile"));
        using var deadline = new CancellationTokenSource(Timeouts.BrowserScript);
        var page = await browser.OpenPageAsync(deadline.Token);
        await page.NavigateAsync(new Uri($"http://127.0.0.1:{server.Port}/status"), deadline.Token);

        for (var i = 0; i < 20; i++)
        {
            await first.SendMessageAsync(WebSocketMessageType.Text, Encoding.UTF8.GetBytes($"message {i}"));
            await first.ReceiveMessageAsync();
        }

        var shown = await page.EvaluateAsync(PageScripts.WaitFor(
            condition: "document.getElementById('total-clients').textContent === '2' && Number(document.body.dataset.updates) >= 3 " +
                       "&& document.querySelector('tr[data-node=\"status-node\"] td.clients')?.textContent === '2'",
            result: "({ clients: document.getElementById('total-clients').textContent, nodes: document.getElementById('node-count').textContent, " +
                    "self: document.getElementById('self-node').textContent, feed: document.getElementById('feed-state').textContent, " +
                    "state: document.querySelector('tr[data-node=\"status-node\"] td.member-state')?.textContent, " +
                    "drawn: [...document.querySelectorAll('canvas')].every(c => c.width > 0), " +
                    "clientsAxis: document.getElementById('chart-clients').getAttribute('aria-label') })",
            Timeouts.BrowserScript), deadline.Token);
        var screenshot = TestArtefacts.Save("status-page.png", await page.CaptureScreenshotAsync(1280, 900, deadline.Token));

        var context = $"{shown}; screenshot {screenshot}{server.Diagnostics()}";
        Assert.True(shown.GetProperty("clients").GetString() == "2", context);
        Assert.True(shown.GetProperty("nodes").GetString() == "1", context);
        Assert.True(shown.GetProperty("self").GetString() == "status-node", context);
        Assert.True(shown.GetProperty("feed").GetString() == "live", context);
        Assert.True(shown.GetProperty("state").GetString() == "Up", context);
        Assert.True(shown.GetProperty("drawn").GetBoolean(), context);
        // Two clients: whole numbers in round steps on the clients' axis, never 1.5.
        Assert.True(shown.GetProperty("clientsAxis").GetString()!.EndsWith(": y axis 0, 1, 2, 3, 4", StringComparison.Ordinal), context);
    }

    [Fact]
    public async Task Status_page_needs_nothing_but_the_node()
    {
        await using var server = await GwSocketProcess.StartAsync();
        var (status, html) = await OpsHttp.GetAsync(server.Port, "/status");

        Assert.Equal(200, status);
        Assert.DoesNotContain("//cdn", html, StringComparison.OrdinalIgnoreCase);
        foreach (var asset in new[] { "/status/status.js", "/status/status.css" })
        {
            Assert.Contains($"\"{asset}\"", html);
            Assert.Equal(200, (await OpsHttp.GetAsync(server.Port, asset)).Status);
        }
    }
}
