using System.Text.Json;
using GwSocket.EndToEnd.Tests.Browser;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;
using Xunit.Abstractions;

namespace GwSocket.EndToEnd.Tests.Cluster;

/// <summary>
/// An operator opens one node's /status while three nodes behind nginx carry clients and broadcasts: the page
/// shows every node, each with its own clients, and the traffic flowing.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterStatusPageTests(ITestOutputHelper output)
{
    private const int ClientCount = 30;

    [Fact]
    public async Task Status_page_of_node_2_shows_the_three_nodes_their_clients_and_the_broadcasts_flowing()
    {
        await using var cluster = await LoopbackCluster.StartAsync();
        var clients = await ClusterClients.ConnectAsync(cluster.Nginx.WebSocketUri, cluster[3], ClientCount);
        var perNode = cluster.Nodes.ToDictionary(node => node.Name, node => clients.Count(client => cluster.OwnerOf(client.Id) == node));

        using var directory = new TempDirectory();
        await using var browser = await HeadlessChromium.StartAsync(directory.File("chromium-profile"));
        using var deadline = new CancellationTokenSource(Timeouts.BrowserScript);
        var page = await browser.OpenPageAsync(deadline.Token);
        await page.NavigateAsync(new Uri($"http://127.0.0.1:{cluster[2].HttpPort}/status"), deadline.Token);

        // The load: broadcasts written into node 1's FIFO until the page has shown what it must.
        using var stopLoad = new CancellationTokenSource();
        var load = WriteBroadcastsAsync(cluster[1], stopLoad.Token);
        JsonElement shown;
        try
        {
            var rowsMatch = string.Join(" && ", perNode.Select(p =>
                $"document.querySelector('tr[data-node=\"{p.Key}\"] td.clients')?.textContent === '{p.Value}' " +
                $"&& document.querySelector('tr[data-node=\"{p.Key}\"] td.member-state')?.textContent === 'Up'"));
            shown = await page.EvaluateAsync(PageScripts.WaitFor(
                // Some seconds of history, so that the screenshot shows the charts moving.
                condition: $"Number(document.body.dataset.updates) >= 8 && document.getElementById('node-count').textContent === '3' && document.getElementById('total-clients').textContent === '{ClientCount}' " +
                           $"&& {rowsMatch} && Number(document.getElementById('messages-out-rate').textContent.replace('k', 'e3')) > 0",
                result: "({ nodes: document.getElementById('node-count').textContent, clients: document.getElementById('total-clients').textContent, " +
                        "self: document.getElementById('self-node').textContent, out: document.getElementById('messages-out-rate').textContent, " +
                        "rows: [...document.querySelectorAll('#nodes tbody tr')].map(tr => tr.dataset.node + ':' + tr.querySelector('td.clients')?.textContent).join(' ') })",
                Timeouts.BrowserScript), deadline.Token);
        }
        finally
        {
            await stopLoad.CancelAsync();
            await load;
        }

        var screenshot = TestArtefacts.Save("cluster-status-page.png", await page.CaptureScreenshotAsync(1280, 900, deadline.Token));
        output.WriteLine($"status page of n2: {shown}; clients per node {string.Join(", ", perNode)}; screenshot {screenshot}");
        var context = $"{shown}; expected per node {string.Join(", ", perNode)}; screenshot {screenshot}{cluster.Diagnostics()}";
        Assert.True(shown.GetProperty("nodes").GetString() == "3", context);
        Assert.True(shown.GetProperty("clients").GetString() == ClientCount.ToString(), context);
        Assert.True(shown.GetProperty("self").GetString() == "n2", context);

        await ClusterClients.CloseAllAsync(clients);
        ClusterClients.DisposeAll(clients);
    }

    /// <summary>Batches of 50 broadcasts into <paramref name="node"/>'s FIFO, a batch every 100 ms, until stopped.</summary>
    private static async Task WriteBroadcastsAsync(ClusterNode node, CancellationToken stop)
    {
        await using var pipeIn = new FileStream(node.PipeIn, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        var batch = StrictRecord.Pack([.. Enumerable.Range(0, 50).Select(i => StrictRecord.TextFor(0, $"load {i}"))]);
        while (!stop.IsCancellationRequested)
        {
            await pipeIn.WriteAsync(batch, CancellationToken.None);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
