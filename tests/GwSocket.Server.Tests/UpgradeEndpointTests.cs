using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using GwSocket.Server.CommandLine;
using GwSocket.Server.Hosting;

namespace GwSocket.Server.Tests;

/// <summary>The upgrade endpoint and the hosting around it, against the real server in this process.</summary>
public sealed class UpgradeEndpointTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TempFiles _files = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task A_websocket_client_is_upgraded_on_any_path_and_echoed_in_echo_mode()
    {
        await using var server = await RunningServer.StartAsync("--echo-mode");
        using var client = new ClientWebSocket();

        await client.ConnectAsync(server.WebSocketUri, CancellationToken.None).WaitAsync(Patience);
        await client.SendAsync("hello"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var buffer = new byte[64];
        var received = await client.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal("hello", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    [Fact]
    public async Task A_plain_get_is_404()
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await _http.GetAsync(server.HttpUri);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Another_websocket_version_is_426_naming_version_13()
    {
        await using var server = await RunningServer.StartAsync();

        var head = await RawRequestAsync(server.Port, UpgradeRequest(version: "8"));

        Assert.StartsWith("HTTP/1.1 426", head);
        Assert.Contains("Sec-WebSocket-Version: 13", head);
    }

    [Fact]
    public async Task The_accept_key_is_the_one_of_rfc_6455_section_1_3()
    {
        await using var server = await RunningServer.StartAsync();

        var head = await RawRequestAsync(server.Port, UpgradeRequest());

        Assert.StartsWith("HTTP/1.1 101", head);
        Assert.Contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", head);
        Assert.Contains("Upgrade: websocket", head, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://evil.example")]
    public async Task A_missing_or_different_origin_is_403_when_origin_is_set(string? origin)
    {
        await using var server = await RunningServer.StartAsync("--origin=http://example.com");

        var head = await RawRequestAsync(server.Port, UpgradeRequest(origin: origin));

        Assert.StartsWith("HTTP/1.1 403", head);
    }

    [Fact]
    public async Task The_origin_is_compared_ignoring_case()
    {
        await using var server = await RunningServer.StartAsync("--origin=http://example.com");

        var head = await RawRequestAsync(server.Port, UpgradeRequest(origin: "http://EXAMPLE.com"));

        Assert.StartsWith("HTTP/1.1 101", head);
    }

    [Fact]
    public async Task Request_heads_above_8_KiB_are_refused()
    {
        await using var server = await RunningServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, server.HttpUri);
        request.Headers.Add("X-Padding", new string('a', 9000));

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Stopping_the_server_sends_close_1001_to_every_client_and_exits_0()
    {
        var server = await RunningServer.StartAsync();
        using var client = new ClientWebSocket();
        await client.ConnectAsync(server.WebSocketUri, CancellationToken.None).WaitAsync(Patience);

        var receive = client.ReceiveAsync(new byte[64], CancellationToken.None);
        var exitCode = await server.StopAsync();
        var received = await receive.WaitAsync(Patience);

        Assert.Equal(0, exitCode);
        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.CloseStatus);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task The_access_log_gets_a_line_per_rejected_request_and_per_finished_connection()
    {
        var log = _files.PathOf("access.log");
        await using (var server = await RunningServer.StartAsync($"--access-log={log}"))
        {
            using (await _http.GetAsync(server.HttpUri))
            {
            }
            using var client = new ClientWebSocket();
            client.Options.SetRequestHeader("User-Agent", "test \"agent\"");
            await client.ConnectAsync(server.WebSocketUri, CancellationToken.None).WaitAsync(Patience);
            await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).WaitAsync(Patience);
            await server.StopAsync();
        }

        var lines = File.ReadAllLines(log);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^127\.0\.0\.1 - - \[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] ""GET / HTTP/1\.1"" 404 \d+ ""-"" ""-"" \d+$", lines[0]);
        Assert.Matches(@"^127\.0\.0\.1 - - \[.+\] ""GET /any/path HTTP/1\.1"" 101 \d+ ""-"" ""test \\""agent\\"""" \d+$", lines[1]);
    }

    [Fact]
    public async Task A_port_in_use_makes_the_server_exit_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var run = Assert.IsType<CommandLineOutcome.RunServer>(
            GwSocketCommandLine.Parse([$"--port={port}", "--addr=127.0.0.1"]));

        var exitCode = await GwSocketServer.RunAsync(run.Settings, run.Hocon).WaitAsync(Patience);

        Assert.Equal(1, exitCode);
    }

    private static string UpgradeRequest(string version = "13", string? origin = null) =>
        "GET /chat HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + $"Sec-WebSocket-Version: {version}\r\n"
        + (origin is null ? "" : $"Origin: {origin}\r\n")
        + "\r\n";

    /// <summary>Sends a hand-written request and returns the response head, up to the blank line.</summary>
    private static async Task<string> RawRequestAsync(int port, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal)
               && await stream.ReadAsync(buffer).AsTask().WaitAsync(Patience) == 1)
        {
            head.Append((char)buffer[0]);
        }
        return head.ToString();
    }
}
