using Akka.Configuration;

namespace GwSocket.Server.Configuration;

/// <summary>Where HOCON comes from: the defaults embedded in gwsocket.dll and an optional --config file on top.</summary>
internal static class HoconSources
{
    private const string EmbeddedResourceName = "gwsocket.conf";

    public static Config EmbeddedDefaults()
    {
        using var stream = typeof(HoconSources).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException($"{EmbeddedResourceName} is not embedded in {typeof(HoconSources).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }

    /// <summary>The file's settings with the embedded defaults underneath; errors are reported against --config.</summary>
    public static Config Layered(string? configFile)
    {
        var defaults = EmbeddedDefaults();
        return configFile is null ? defaults : ParseFile(configFile).WithFallback(defaults);
    }

    private static Config ParseFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingException("--config", $"cannot read '{path}': {e.Message}");
        }
        try
        {
            return ConfigurationFactory.ParseString(text);
        }
        catch (Exception e)
        {
            throw new SettingException("--config", $"'{path}' is not valid HOCON: {FirstLine(e.Message)}");
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
