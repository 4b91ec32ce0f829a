namespace GwSocket.Server.Configuration;

/// <summary>A setting that cannot be used; <see cref="Setting"/> names the option or HOCON key the user wrote.</summary>
internal sealed class SettingException(string setting, string reason) : Exception($"{setting}: {reason}")
{
    public string Setting { get; } = setting;

    public string Reason { get; } = reason;
}
