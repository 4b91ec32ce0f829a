using System.Net.Http;
using System.Net.Sockets;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>Plain HTTP GETs to a node's operator endpoints (/metrics, /readyz, /status...).</summary>
public static class OpsHttp
{
    private static readonly HttpClient Client = new() { Timeout = Timeouts.Receive };

    public static async Task<(int Status, string Body)> GetAsync(int port, string path)
    {
        using var response = await Client.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The status, or null when nothing accepts connections on the port (not started yet, or gone).</summary>
    public static async Task<int?> StatusOrRefusedAsync(int port, string path)
    {
        try
        {
            return (await GetAsync(port, path)).Status;
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException || e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded)
        {
            return null;
        }
    }

    /// <summary>Polls /readyz until it answers 200: listening, pipes open, cluster member Up, first stats collected.</summary>
    public static async Task WaitUntilReadyAsync(int port)
    {
        using var deadline = new CancellationTokenSource(Timeouts.Startup);
        var last = await GetAsync(port, "/readyz");
        while (last.Status != 200)
        {
            try
            {
                await Task.Delay(Timeouts.Poll, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"/readyz still answers {last.Status} {last.Body}");
            }
            last = await GetAsync(port, "/readyz");
        }
    }

    public static async Task<PrometheusText> ScrapeAsync(int port)
    {
        var (status, body) = await GetAsync(port, "/metrics");
        if (status != 200)
            throw new InvalidOperationException($"/metrics answered {status}: {body}");
        return PrometheusText.Parse(body);
    }

    /// <summary>Scrapes until <paramref name="condition"/> holds; fails with the last exposition when it does not in time.</summary>
    public static async Task<PrometheusText> ScrapeUntilAsync(int port, Func<PrometheusText, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Timeouts.Receive);
        var last = await ScrapeAsync(port);
        while (!condition(last))
        {
            try
            {
                await Task.Delay(Timeouts.Poll, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"/metrics never showed {what}; last samples:{Environment.NewLine}{string.Join(Environment.NewLine, last.Samples)}");
            }
            last = await ScrapeAsync(port);
        }
        return last;
    }
}
