using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GwSocket.Bench;

/// <summary>A self-signed certificate and its key as PEM files, for the server's --ssl-cert and --ssl-key.</summary>
internal static class TlsFiles
{
    public static (string Certificate, string Key) Create(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var certificatePath = Path.Combine(directory, "bench-cert.pem");
        var keyPath = Path.Combine(directory, "bench-key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
