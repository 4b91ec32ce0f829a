using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Operations;

/// <summary>/healthz and /readyz of a real node through its start and its SIGTERM shutdown.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_is_never_200_before_the_node_is_up_and_then_stays_200()
    {
        var port = FreePort.Pick();
        await using var server = GwSocketProcess.Launch($"--port={port}");
        var seen = new List<int?>();
        using var deadline = new CancellationTokenSource(Timeouts.Startup);
        while (seen.LastOrDefault() != 200)
        {
            seen.Add(await OpsHttp.StatusOrRefusedAsync(port, "/readyz"));
            await Task.Delay(Timeouts.Poll, deadline.Token);
        }

        // Before ready: refused (not listening yet) or 503 (listening, not ready); never anything else.
        Assert.All(seen.SkipLast(1), status => Assert.True(status is null or 503, $"unexpected {status} in {string.Join(",", seen)}"));
        Assert.Equal((200, "alive\n"), await OpsHttp.GetAsync(port, "/healthz"));
        Assert.Equal((200, "ready\n"), await OpsHttp.GetAsync(port, "/readyz"));
    }

    [Fact]
    public async Task Readyz_of_a_node_that_has_not_joined_its_seeds_says_the_member_is_joining()
    {
        // The seed's port has nobody on it: the node keeps asking to join, as one does while its seeds start.
        var seed = FreePort.Pick();
        await using var server = await GwSocketProcess.StartAsync(
            "--cluster-host=127.0.0.1", $"--cluster-port={FreePort.Pick()}", $"--seed=127.0.0.1:{seed}", "--node-name=joining-node");

        var (status, body) = await OpsHttp.GetAsync(server.Port, "/readyz");

        Assert.True(status == 503, $"{status} {body}{server.Diagnostics()}");
        Assert.Contains("cluster member is Joining", body);
        Assert.DoesNotContain("Removed", body);
        Assert.Equal(200, (await OpsHttp.GetAsync(server.Port, "/healthz")).Status);
    }

    [Fact]
    public async Task Sigterm_turns_readyz_503_while_clients_are_closed_with_1001_then_the_process_exits()
    {
        await using var server = await GwSocketProcess.StartAsync();
        await OpsHttp.WaitUntilReadyAsync(server.Port);
        // A client that never answers the close frame keeps the node in its shutdown for the close timeout.
        await using var client = await RawWebSocket.ConnectAsync(server.Port);
        await OpsHttp.ScrapeUntilAsync(server.Port, m => m.Value("gwsocket_connections_open") == 1, "the client connected");

        PosixSignals.Terminate(server.Id);

        using var deadline = new CancellationTokenSource(Timeouts.Receive);
        (int Status, string Body) readyz;
        while ((readyz = await OpsHttp.GetAsync(server.Port, "/readyz")).Status == 200)
            await Task.Delay(Timeouts.Poll, deadline.Token);
        Assert.Equal(503, readyz.Status);
        Assert.Contains("shutting down", readyz.Body);
        Assert.Equal(200, (await OpsHttp.GetAsync(server.Port, "/healthz")).Status);

        await client.ExpectCloseAsync(CloseCodes.GoingAway);
        Assert.Equal(0, await server.WaitForExitAsync(Timeouts.Exit));
    }
}
