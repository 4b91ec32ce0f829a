using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>A throwaway certificate for localhost, written as the PEM files --ssl-cert and --ssl-key take.</summary>
public sealed class SelfSignedCertificate
{
    private SelfSignedCertificate(string certificatePath, string keyPath, string thumbprint, string spkiSha256)
    {
        CertificatePath = certificatePath;
        KeyPath = keyPath;
        Thumbprint = thumbprint;
        SpkiSha256 = spkiSha256;
    }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public string Thumbprint { get; }

    /// <summary>Base64 SHA-256 of the SubjectPublicKeyInfo: the pin Chromium's --ignore-certificate-errors-spki-list takes.</summary>
    public string SpkiSha256 { get; }

    public static SelfSignedCertificate WriteTo(TempDirectory directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));

        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        var certificatePath = directory.File("cert.pem");
        var keyPath = directory.File("key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        var spkiSha256 = Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        return new SelfSignedCertificate(certificatePath, keyPath, certificate.Thumbprint, spkiSha256);
    }
}
