using System.Security.Cryptography.X509Certificates;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.Hosting;

internal static class TlsCertificate
{
    /// <summary>The --ssl-cert/--ssl-key pair, or null for plain ws://.</summary>
    /// <exception cref="SettingException">The files are not a PEM certificate and its private key.</exception>
    public static X509Certificate2? Load(GwSocketSettings settings)
    {
        if (settings.SslCert is null || settings.SslKey is null)
            return null;
        try
        {
            return X509Certificate2.CreateFromPemFile(settings.SslCert, settings.SslKey);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException or IOException)
        {
            throw new SettingException("--ssl-cert", $"cannot load '{settings.SslCert}' with key '{settings.SslKey}': {e.Message}");
        }
    }
}
