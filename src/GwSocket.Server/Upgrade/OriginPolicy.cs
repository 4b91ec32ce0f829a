namespace GwSocket.Server.Upgrade;

/// <summary>--origin: the client's Origin header must be exactly the configured origin, ignoring case, as gwsocket checks it.</summary>
internal static class OriginPolicy
{
    public static bool Allows(string? requiredOrigin, string? clientOrigin) =>
        requiredOrigin is null || string.Equals(requiredOrigin, clientOrigin, StringComparison.OrdinalIgnoreCase);
}
