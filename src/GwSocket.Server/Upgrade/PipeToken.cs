using GwSocket.Protocol.Http;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.Upgrade;

/// <summary>The network pipe's secret, read once at startup from <c>--pipe-token-file</c>; no token, no network pipe.</summary>
internal sealed class PipeToken(BearerToken? token)
{
    public bool Enabled => token is not null;

    public bool Accepts(string? authorization) => token is not null && token.Accepts(authorization);

    /// <exception cref="SettingException">The file cannot be read or holds no secret.</exception>
    public static PipeToken Load(GwSocketSettings settings)
    {
        if (settings.PipeTokenFile is not { } path)
            return new PipeToken(null);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingException("--pipe-token-file", $"cannot read '{path}': {e.Message}");
        }
        return BearerToken.SecretFrom(text) is { } secret
            ? new PipeToken(new BearerToken(secret))
            : throw new SettingException("--pipe-token-file", $"'{path}' holds no token (its first line is empty)");
    }
}
