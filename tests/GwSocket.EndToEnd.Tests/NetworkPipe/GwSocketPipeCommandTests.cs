using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.NetworkPipe;

/// <summary><c>gwsocket pipe</c> as a real process against one node: over wss:// with the test's self-signed certificate, in standard mode, with bad input.</summary>
public sealed class GwSocketPipeCommandTests : IDisposable
{
    private readonly PipeToken _token = new();
    private readonly TempDirectory _files = new();

    public void Dispose()
    {
        _token.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Over_wss_with_the_servers_self_signed_certificate_a_shell_producer_reaches_the_clients_and_a_watcher_gets_the_events()
    {
        var certificate = SelfSignedCertificate.WriteTo(_files);
        await using var server = await GwSocketProcess.StartAsync("--strict", _token.Option, $"--ssl-cert={certificate.CertificatePath}", $"--ssl-key={certificate.KeyPath}");
        using var pipeOut = PipeOutConsumer.Start(server.PipeOut);
        var url = $"wss://127.0.0.1:{server.Port}/gwsocket/pipe";
        using var client = await ClientWebSockets.ConnectAsync(new Uri($"wss://127.0.0.1:{server.Port}/"),
            options => options.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.Thumbprint);
        var id = await pipeOut.NextOpenAsync(0);

        // Without --ca-cert the certificate is not trusted: it keeps trying and says why; nothing gets through.
        await using var untrusting = PipeCommandProcess.Start("sleep 60", [url, $"--token-file={_token.FilePath}"]);
        await Eventually.TrueAsync(() => untrusting.StandardError.Text.Contains("cannot connect", StringComparison.Ordinal),
            () => $"gwsocket pipe without --ca-cert: {untrusting.StandardError.Text}");

        var events = _files.File("events");
        await using var watcher = PipeCommandProcess.Start("sleep 60", ["--events", url, $"--token-file={_token.FilePath}", $"--ca-cert={certificate.CertificatePath}"], "> \"$1\"", events);
        await Eventually.TrueAsync(() => File.Exists(events) && StrictRecord.Parse(File.ReadAllBytes(events)).Records.Count == 1,
            () => $"the watcher's open record; stderr: {watcher.StandardError.Text}");
        Assert.Equal(StrictRecord.OpenOf(id, "127.0.0.1"), StrictRecord.Parse(File.ReadAllBytes(events)).Records[0]);

        // A shell producer: cat writes the records, and gwsocket pipe ends with its stdin.
        var records = _files.File("records");
        await File.WriteAllBytesAsync(records, StrictRecord.Pack(StrictRecord.TextFor(0, "one"), StrictRecord.TextFor(id, "two"), StrictRecord.TextFor(0, "end")));
        await using var producer = PipeCommandProcess.Start("cat \"$1\"",
            ["--strict", url, $"--token-file={_token.FilePath}", $"--ca-cert={certificate.CertificatePath}"], "", records);
        Assert.Equal(0, await producer.WaitForExitAsync());
        Assert.Equal(["one", "two", "end"], await PipeSockets.ReceiveUntilEndAsync(client));

        await client.SendMessageAsync(WebSocketMessageType.Text, "back"u8.ToArray());
        await Eventually.TrueAsync(() => StrictRecord.Parse(File.ReadAllBytes(events)).Records.Count == 2,
            () => $"the watcher's message record; stderr: {watcher.StandardError.Text}");
        Assert.Equal(StrictRecord.TextFor(id, "back"), StrictRecord.Parse(File.ReadAllBytes(events)).Records[1]);
        Assert.Contains("connected to wss://", producer.StandardError.Text);
    }

    [Fact]
    public async Task In_standard_mode_each_read_of_stdin_reaches_every_client_as_a_text_message()
    {
        await using var server = await GwSocketProcess.StartAsync(_token.Option);
        using var client = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port));
        await OpsHttp.ScrapeUntilAsync(server.Port, m => m.Value("gwsocket_connections_open") == 1, "the client connected");

        await using var producer = PipeCommandProcess.Start("printf 'a line of a log'", [$"ws://127.0.0.1:{server.Port}/gwsocket/pipe", $"--token-file={_token.FilePath}"]);

        Assert.Equal(0, await producer.WaitForExitAsync());
        Assert.Equal(["a line of a log"], await PipeSockets.ReceiveCountAsync(client, 1));
    }

    [Fact]
    public async Task A_record_the_node_rejects_ends_gwsocket_pipe_with_exit_code_1_instead_of_sending_it_again_and_again()
    {
        await using var server = await GwSocketProcess.StartAsync("--strict", _token.Option);

        // Type 0x05 does not exist: the node closes with 1008, and any node would.
        await using var producer = PipeCommandProcess.Start("""printf '\000\000\000\000\000\000\000\005\000\000\000\002xy'""",
            ["--strict", $"ws://127.0.0.1:{server.Port}/gwsocket/pipe", $"--token-file={_token.FilePath}"]);

        Assert.Equal(1, await producer.WaitForExitAsync());
        Assert.Contains(producer.StandardError.Lines, line => line.Contains("rejected what stdin gave with 1008", StringComparison.Ordinal) && line.Contains("giving up", StringComparison.Ordinal));
        Assert.DoesNotContain("reconnected", producer.StandardError.Text);
    }
}
