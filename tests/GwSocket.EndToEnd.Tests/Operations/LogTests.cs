using System.Net.WebSockets;
using System.Text.Json;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.Operations;

/// <summary>The log of a start, a pipe writer, a client and a Ctrl-C, as a person or a log shipper reads it.</summary>
public sealed class LogTests
{
    private static readonly TimeSpan ExitAfterSignal = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Start_writer_and_ctrl_c_are_told_in_one_line_each_of_one_format_without_akka_internals()
    {
        await using var server = await GwSocketProcess.StartAsync("--echo-mode");
        await Eventually.LoggedAsync(server, " started: ");
        using var client = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port));
        await ShellProcess.RunAsync("""printf 'hello\n' > "$1" """, server.PipeIn);
        Assert.Equal("hello\n", System.Text.Encoding.UTF8.GetString((await client.ReceiveMessageAsync()).Payload));
        await Eventually.LoggedAsync(server, "pipe-in: the last writer closed");

        PosixSignals.Interrupt(server.Id);
        await server.WaitForExitAsync(ExitAfterSignal);

        var lines = server.StandardError.Lines;
        LogLines.AssertTextFormat(lines, server.Diagnostics);
        LogLines.AssertNoAkkaInternals(lines, server.Diagnostics);
        var started = Assert.Single(lines, line => line.Contains(" started: ", StringComparison.Ordinal));
        Assert.Contains($"listening on [::]:{server.Port}", started);
        Assert.Contains("compatible with gwsocket 0.4", started);
        Assert.Contains(lines, line => line.EndsWith($"pipe-in: a writer opened {server.PipeIn}", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith($"pipe-in: the last writer closed {server.PipeIn}", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains("info: SIGINT received: ", StringComparison.Ordinal));
        Assert.Matches(@"info: shutdown done in \d+\.\d s$", lines[^1]);
        // Start, Up, the writer's two, the signal, the end: a handful, where Akka alone wrote a dozen.
        Assert.True(lines.Count <= 8, $"{lines.Count} lines for a start and a stop:{server.Diagnostics()}");
    }

    [Fact]
    public async Task Json_format_writes_one_object_per_line_with_time_level_and_message()
    {
        await using var server = await GwSocketProcess.StartAsync("--echo-mode", "--log-format=json");
        await Eventually.TrueAsync(() => server.StandardError.Text.Contains("started: ", StringComparison.Ordinal),
            () => $"no start line{server.Diagnostics()}", Timeouts.Startup);

        PosixSignals.Terminate(server.Id);
        await server.WaitForExitAsync(ExitAfterSignal);

        var events = server.StandardError.Lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(events, e =>
        {
            Assert.True(DateTimeOffset.TryParse(e.GetProperty("time").GetString(), out _));
            Assert.Contains(e.GetProperty("level").GetString(), new[] { "info", "warning" });
            Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("category").GetString()));
        });
        var started = Assert.Single(events, e => e.GetProperty("message").GetString()!.Contains(" started: ", StringComparison.Ordinal));
        Assert.Equal(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            started.GetProperty("fields").GetProperty("Endpoints").GetString()!.Split(':')[^1]);
        Assert.Contains(events, e => e.GetProperty("message").GetString()!.StartsWith("SIGTERM received: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Debug_level_shows_akka_internals_with_their_source()
    {
        await using var server = await GwSocketProcess.StartAsync("--echo-mode", "--log-level=debug");
        await Eventually.LoggedAsync(server, " started: ");
        await Eventually.TrueAsync(() => server.StandardError.Lines.Any(line => line.Contains("debug: [Akka.Cluster.", StringComparison.Ordinal)),
            () => $"no Akka.Cluster line at debug{server.Diagnostics()}");
    }
}
