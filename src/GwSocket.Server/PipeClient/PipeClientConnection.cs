using System.Net;
using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;

namespace GwSocket.Server.PipeClient;

/// <summary>
/// Opens one WebSocket to the network pipe with <see cref="ClientWebSocket"/>: the bearer token, and for wss:// the
/// system's trust, a given certificate (<c>--ca-cert</c>) or none (<c>--insecure</c>). The server side's framing is
/// ours; on this side the runtime's client is a second, independent implementation, and it brings TLS and proxies.
/// </summary>
internal static class PipeClientConnection
{
    /// <exception cref="PipeRefusedException">The server answered 401 (a wrong token): retrying cannot help.</exception>
    public static async Task<ClientWebSocket> OpenAsync(PipeClientSettings settings, CancellationToken cancellation)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {settings.Token}");
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(15);
        if (settings.Insecure)
            socket.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        else if (settings.CaCert is { } caCert)
            socket.Options.RemoteCertificateValidationCallback = TrustOnly(TrustedCertificates(caCert));
        try
        {
            await socket.ConnectAsync(WithQuery(settings), cancellation);
            return socket;
        }
        catch (WebSocketException) when (socket.HttpStatusCode == HttpStatusCode.Unauthorized)
        {
            socket.Dispose();
            throw new PipeRefusedException($"{settings.Url}: 401, the server does not accept this token");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Acknowledgements always (each message waits for the one before), events when asked for, with the end of their snapshot marked.</summary>
    private static Uri WithQuery(PipeClientSettings settings)
    {
        var builder = new UriBuilder(settings.Url);
        var ours = settings.Events ? "ack=1&events=1&snapshot=1" : "ack=1";
        builder.Query = string.IsNullOrEmpty(builder.Query) ? ours : builder.Query.TrimStart('?') + "&" + ours;
        return builder.Uri;
    }

    /// <summary>The certificates of a PEM file (one, or a CA bundle); none when it holds none.</summary>
    public static X509Certificate2Collection TrustedCertificates(string pemFile)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(pemFile);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            certificates.Clear();
        }
        return certificates;
    }

    /// <summary>The server's chain must end at one of <paramref name="trusted"/>, and its name must match the URL's host.</summary>
    private static RemoteCertificateValidationCallback TrustOnly(X509Certificate2Collection trusted) => (_, certificate, _, errors) =>
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    };
}

/// <summary>The server refused the connection for good (401).</summary>
internal sealed class PipeRefusedException(string message) : Exception(message);
