using System.Security.Cryptography;
using System.Text;

namespace GwSocket.Protocol.Http;

/// <summary>
/// A secret expected as <c>Authorization: Bearer SECRET</c> (RFC 6750 2.1). Both sides are hashed before the
/// constant-time comparison, so neither the secret's bytes nor its length can be told from the time an answer takes.
/// </summary>
public sealed class BearerToken
{
    private const string Scheme = "Bearer ";

    private readonly byte[] _hash;

    public BearerToken(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>True when <paramref name="authorization"/> is the bearer scheme (any case) with exactly this secret.</summary>
    public bool Accepts(string? authorization)
    {
        if (authorization is null || authorization.Length <= Scheme.Length
            || !authorization.AsSpan(0, Scheme.Length).Equals(Scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(offered, _hash);
    }

    /// <summary>The secret held in a file: its first line, without surrounding white space. Null when there is none.</summary>
    public static string? SecretFrom(string fileText)
    {
        var line = fileText.Split('\n', 2)[0].Trim();
        return line.Length == 0 ? null : line;
    }
}
