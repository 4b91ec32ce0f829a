using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace GwSocket.Server.Configuration;

/// <summary>Checks the cluster settings' text, whether it came from the command line, the environment or HOCON.</summary>
internal static class ClusterValues
{
    /// <summary>A remoting port: 0 lets the system pick one (fine for a node nobody joins through).</summary>
    public static bool TryParseClusterPort(string text, out int port, [NotNullWhen(false)] out string? error)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 0 and <= 65535)
            return SettingValues.Ok(out error);
        return SettingValues.Fail($"'{text}' is not a valid port (0-65535)", out error);
    }

    /// <summary>One seed node as host:port ([v6]:port for IPv6 literals).</summary>
    public static bool TryParseSeed(string text, out SeedNode seed, [NotNullWhen(false)] out string? error)
    {
        seed = default;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            return SettingValues.Fail($"'{text}' is not host:port", out error);
        var host = text[..colon];
        if (host.Contains(':') && !(host.StartsWith('[') && host.EndsWith(']')))
            return SettingValues.Fail($"'{text}': write an IPv6 seed as [address]:port", out error);
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            return SettingValues.Fail($"'{text}' does not end in a valid port (1-65535)", out error);
        seed = new SeedNode(host, port);
        return SettingValues.Ok(out error);
    }

    /// <summary>Seeds separated by commas, as in GWSOCKET_SEEDS=host:port,host:port; empty means none.</summary>
    public static bool TryParseSeedList(string text, out IReadOnlyList<SeedNode> seeds, [NotNullWhen(false)] out string? error)
    {
        var parsed = new List<SeedNode>();
        seeds = parsed;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParseSeed(part, out var seed, out error))
                return false;
            parsed.Add(seed);
        }
        return SettingValues.Ok(out error);
    }

    /// <summary>"cluster" or "local" in any case, nothing else: Enum.TryParse would also take "1" or " local".</summary>
    public static bool TryParseEventScope(string text, out EventScope scope, [NotNullWhen(false)] out string? error)
    {
        scope = default;
        foreach (var candidate in Enum.GetValues<EventScope>())
        {
            if (string.Equals(text, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                scope = candidate;
                return SettingValues.Ok(out error);
            }
        }
        return SettingValues.Fail($"'{text}' is neither cluster nor local", out error);
    }

    public static bool TryParseEvents(string text, out bool clusterEvents, [NotNullWhen(false)] out string? error)
    {
        var ok = TryParseEventScope(text, out var scope, out error);
        clusterEvents = scope == EventScope.Cluster;
        return ok;
    }

    /// <summary>A host name or address other nodes can reach; no spaces or scheme.</summary>
    public static bool TryParseHost(string text, out string host, [NotNullWhen(false)] out string? error)
    {
        host = text;
        if (text.Length > 0 && Uri.CheckHostName(text.Trim('[', ']')) != UriHostNameType.Unknown)
            return SettingValues.Ok(out error);
        return SettingValues.Fail($"'{text}' is not a host name or address", out error);
    }
}

/// <summary>Whose client events this node's pipe-out carries.</summary>
internal enum EventScope
{
    Cluster = 1,
    Local = 2,
}

/// <summary>A node to join at start: the first one reachable admits this node into the cluster.</summary>
internal readonly record struct SeedNode(string Host, int Port)
{
    public override string ToString() => $"{Host}:{Port}";
}
