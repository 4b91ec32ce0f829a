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
}
