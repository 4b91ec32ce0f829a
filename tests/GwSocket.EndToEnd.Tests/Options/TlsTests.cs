using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Options;

/// <summary>--ssl-cert and --ssl-key: wss with PEM files.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Wss_with_a_pem_certificate_echoes()
    {
        using var directory = new TempDirectory();
        var certificate = SelfSignedCertificate.WriteTo(directory);
        await using var server = await GwSocketProcess.StartAsync(
            "--echo-mode", $"--ssl-cert={certificate.CertificatePath}", $"--ssl-key={certificate.KeyPath}");

        using var socket = await ClientWebSockets.ConnectAsync(
            new Uri($"wss://127.0.0.1:{server.Port}/"),
            options => options.RemoteCertificateValidationCallback =
                (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.Thumbprint);
        await socket.SendMessageAsync(WebSocketMessageType.Text, "over tls"u8.ToArray());
        var (type, payload) = await socket.ReceiveMessageAsync();

        Assert.Equal(WebSocketMessageType.Text, type);
        Assert.Equal("over tls", Encoding.UTF8.GetString(payload));
    }

    /// <summary>Below TLS the upgrade is read from decrypted bytes: a head spread over many TLS records still upgrades.</summary>
    [Fact]
    public async Task Wss_upgrade_sent_one_byte_per_tls_record_is_accepted()
    {
        using var directory = new TempDirectory();
        var certificate = SelfSignedCertificate.WriteTo(directory);
        await using var server = await GwSocketProcess.StartAsync(
            "--echo-mode", $"--ssl-cert={certificate.CertificatePath}", $"--ssl-key={certificate.KeyPath}");
        using var tcp = new TcpClient { NoDelay = true };
        using var cts = new CancellationTokenSource(Timeouts.Receive);
        await tcp.ConnectAsync("127.0.0.1", server.Port, cts.Token);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false,
            (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.Thumbprint);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, cts.Token);

        foreach (var b in UpgradeRequest.Valid("/tls-one-byte").ToBytes())
        {
            await tls.WriteAsync(new[] { b }, cts.Token);
            await tls.FlushAsync(cts.Token);
        }

        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            await tls.ReadExactlyAsync(one, cts.Token);
            head.Append((char)one[0]);
        }
        var response = HttpResponseHead.Parse(head.ToString());
        Assert.Equal(101, response.StatusCode);
        Assert.Equal(UpgradeRequest.SampleAccept, response.Header("Sec-WebSocket-Accept"));
    }

    [Fact]
    public async Task Operations_endpoints_answer_on_the_tls_listener_next_to_wss()
    {
        using var directory = new TempDirectory();
        var certificate = SelfSignedCertificate.WriteTo(directory);
        await using var server = await GwSocketProcess.StartAsync(
            "--echo-mode", $"--ssl-cert={certificate.CertificatePath}", $"--ssl-key={certificate.KeyPath}");
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.Thumbprint,
        };
        using var http = new HttpClient(handler) { Timeout = Timeouts.Receive };

        var body = await http.GetStringAsync(new Uri($"https://127.0.0.1:{server.Port}/healthz"));

        Assert.Equal("alive\n", body);
    }
}
