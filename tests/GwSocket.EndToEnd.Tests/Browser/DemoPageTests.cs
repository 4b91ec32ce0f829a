using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.Browser;

/// <summary>The --demo client page in headless Chromium: what pipe-in gets appears in the page, what is typed reaches pipe-out.</summary>
public sealed class DemoPageTests
{
    [Fact]
    public async Task Demo_page_shows_pipe_in_lines_and_sends_what_is_typed_to_pipe_out()
    {
        using var directory = new TempDirectory();
        await using var server = await GwSocketProcess.StartAsync("--demo");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        await using var browser = await HeadlessChromium.StartAsync(directory.File("chromium-profile"));
        using var deadline = new CancellationTokenSource(Timeouts.BrowserScript);
        var page = await browser.OpenPageAsync(deadline.Token);
        await page.NavigateAsync(new Uri($"http://127.0.0.1:{server.Port}/"), deadline.Token);
        await page.EvaluateAsync(PageScripts.WaitFor("document.getElementById('state').textContent === 'connected'", "document.getElementById('state').textContent", Timeouts.BrowserScript), deadline.Token);
        await OpsHttp.ScrapeUntilAsync(server.Port, m => m.Value("gwsocket_connections_open") == 1, "the page's connection");

        await using (var producer = new FileStream(server.PipeIn, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0))
            producer.Write("GET /index.html 200\n"u8);
        var lines = await page.EvaluateAsync(PageScripts.WaitFor(
            "[...document.querySelectorAll('#messages li')].some(li => li.textContent === 'GET /index.html 200\\n')",
            "[...document.querySelectorAll('#messages li')].map(li => li.textContent)", Timeouts.BrowserScript), deadline.Token);
        await page.EvaluateAsync(
            "(() => { document.getElementById('text').value = 'typed in the browser'; document.querySelector('#send button').click(); return true; })()",
            deadline.Token);
        await pipeOut.WaitForTextAsync("typed in the browser");
        var screenshot = TestArtefacts.Save("demo-page.png", await page.CaptureScreenshotAsync(1024, 600, deadline.Token));

        Assert.True(lines.GetArrayLength() == 1, $"{lines}; screenshot {screenshot}");
    }

    [Fact]
    public async Task Without_demo_a_plain_get_of_the_root_is_not_a_page()
    {
        await using var server = await GwSocketProcess.StartAsync();

        Assert.Equal(404, (await OpsHttp.GetAsync(server.Port, "/")).Status);
    }
}
