using System.Collections;

namespace GwSocket.Server.Configuration;

/// <summary>
/// Environment variables for the cluster settings, for containers: they win over HOCON and lose to
/// the command line. A bad value names its variable. The names are declared in <see cref="SettingDeclarations"/>.
/// </summary>
internal static class ClusterEnvironment
{
    public static readonly string Seeds = VariableOf("cluster.seeds");
    public static readonly string ClusterHost = VariableOf("cluster.host");
    public static readonly string ClusterPort = VariableOf("cluster.port");
    public static readonly string NodeName = VariableOf("node-name");
    public static readonly string Events = VariableOf("events");
    public static readonly string PipeTokenFile = VariableOf("pipe-token-file");

    public static GwSocketSettings Apply(GwSocketSettings settings, IDictionary environment) => settings with
    {
        Seeds = Read(environment, Seeds, ClusterValues.TryParseSeedList, settings.Seeds),
        ClusterHost = Read<string?>(environment, ClusterHost, TryParseHost, settings.ClusterHost),
        ClusterPort = Read(environment, ClusterPort, ClusterValues.TryParseClusterPort, settings.ClusterPort),
        NodeName = Read(environment, NodeName, SettingValues.TryParseNonEmpty, settings.NodeName),
        ClusterEvents = Read(environment, Events, ClusterValues.TryParseEvents, settings.ClusterEvents),
        PipeTokenFile = Read<string?>(environment, PipeTokenFile, TryParseFile, settings.PipeTokenFile),
    };

    private static bool TryParseFile(string text, out string? path, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        var ok = SettingValues.TryParseExistingFile(text, out var parsed, out error);
        path = parsed;
        return ok;
    }

    private static bool TryParseHost(string text, out string? host, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        var ok = ClusterValues.TryParseHost(text, out var parsed, out error);
        host = parsed;
        return ok;
    }

    private static T Read<T>(IDictionary environment, string name, SettingValues.TryParse<T> tryParse, T otherwise)
    {
        if (environment[name] is not string text || text.Length == 0)
            return otherwise;
        return tryParse(text, out var value, out var error) ? value : throw new SettingException(name, error);
    }

    private static string VariableOf(string key) =>
        SettingDeclarations.OfKey(key).Environment ?? throw new InvalidOperationException($"{key} has no environment variable");
}
