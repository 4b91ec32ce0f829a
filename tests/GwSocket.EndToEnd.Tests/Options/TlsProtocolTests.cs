using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Options;

/// <summary>wss:// speaks TLS 1.2 and 1.3 only: a client offering nothing but TLS 1.0 or 1.1 gets no session.</summary>
public sealed class TlsProtocolTests
{
    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Modern_protocol_is_negotiated(SslProtocols protocol)
    {
        using var directory = new TempDirectory();
        await using var server = await StartTlsServerAsync(directory);

        Assert.Equal(protocol, await HandshakeAsync(server.Port, protocol));
    }

#pragma warning disable SYSLIB0039 // TLS 1.0 and 1.1 are obsolete: offering them is the point of the test.
    [Theory]
    [InlineData(SslProtocols.Tls)]
    [InlineData(SslProtocols.Tls11)]
    public async Task Obsolete_protocol_is_refused(SslProtocols protocol)
#pragma warning restore SYSLIB0039
    {
        using var directory = new TempDirectory();
        await using var server = await StartTlsServerAsync(directory);

        await Assert.ThrowsAnyAsync<Exception>(() => HandshakeAsync(server.Port, protocol));
        // The refusal cost the server nothing: a modern client is still served.
        Assert.Equal(SslProtocols.Tls13, await HandshakeAsync(server.Port, SslProtocols.Tls13));
    }

    private static async Task<GwSocketProcess> StartTlsServerAsync(TempDirectory directory)
    {
        var certificate = SelfSignedCertificate.WriteTo(directory);
        return await GwSocketProcess.StartAsync(
            "--echo-mode", $"--ssl-cert={certificate.CertificatePath}", $"--ssl-key={certificate.KeyPath}");
    }

    /// <summary>A TLS handshake offering only <paramref name="protocol"/>; returns what was negotiated.</summary>
    private static async Task<SslProtocols> HandshakeAsync(int port, SslProtocols protocol)
    {
        using var client = new TcpClient();
        using var cts = new CancellationTokenSource(Timeouts.Receive);
        await client.ConnectAsync("127.0.0.1", port, cts.Token);
        await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions { TargetHost = "localhost", EnabledSslProtocols = protocol }, cts.Token);
        return tls.SslProtocol;
    }
}
