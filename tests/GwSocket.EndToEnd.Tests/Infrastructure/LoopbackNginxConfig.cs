using System.Text.RegularExpressions;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>
/// deploy/nginx.conf, the file docker-compose.yml mounts into its load balancer, turned into a configuration for
/// loopback: the upstream's Docker service names become the test's node ports, the listen port becomes the test's,
/// and every file nginx writes goes into the test's directory. Everything else (the proxying, the upgrade headers,
/// the timeouts) is the repository's file as it is. Each rewrite must match exactly once, so a change to the file's
/// shape fails the test loudly rather than testing something else.
/// </summary>
public static partial class LoopbackNginxConfig
{
    public static string RepositoryFile => Path.Combine(ServerBinary.RepositoryRoot, "deploy", "nginx.conf");

    public static string From(string deployConfig, string directory, int port, IReadOnlyList<int> upstreamPorts)
    {
        string In(string name) => Path.Combine(directory, name);
        var servers = string.Concat(upstreamPorts.Select(upstream => $"server 127.0.0.1:{upstream}; "));
        var prologue = $"daemon off;\nmaster_process on;\nworker_processes 1;\npid {In("nginx.pid")};\nerror_log {In("error.log")} info;\n";
        var httpFiles = string.Concat(
            $"access_log {In("access.log")}; ",
            string.Concat(((string[])["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]).Select(temp => $"{temp}_temp_path {In(temp + "_temp")}; ")));

        var config = ReplaceOnce(deployConfig, HttpBlock(), $"http {{ {httpFiles}", "the http block");
        // Docker's resolver and "resolve" (nginx 1.27.3+) look up service names; on loopback there are only ports.
        config = ReplaceOnce(config, ResolverLine(), "", "the resolver line");
        config = ReplaceAll(config, ResolvedServer(), "the upstream's servers", servers);
        config = ReplaceOnce(config, ListenLine(), $"listen 127.0.0.1:{port};", "the listen line");
        return prologue + config;
    }

    private static string ReplaceOnce(string text, Regex pattern, string replacement, string what)
    {
        var count = pattern.Matches(text).Count;
        return count == 1
            ? pattern.Replace(text, replacement.Replace("$", "$$"))
            : throw new InvalidOperationException($"deploy/nginx.conf: expected exactly one match for {what} ({pattern}), found {count}");
    }

    /// <summary>Replaces the consecutive server lines of the upstream by <paramref name="servers"/>, written once.</summary>
    private static string ReplaceAll(string text, Regex pattern, string what, string servers)
    {
        var matches = pattern.Matches(text);
        if (matches.Count == 0)
            throw new InvalidOperationException($"deploy/nginx.conf: no match for {what} ({pattern})");
        var first = matches[0].Index;
        var last = matches[^1].Index + matches[^1].Length;
        var between = text[first..last];
        if (pattern.Replace(between, "").Trim().Length != 0)
            throw new InvalidOperationException($"deploy/nginx.conf: {what} are not consecutive");
        return text[..first] + servers + text[last..];
    }

    [GeneratedRegex(@"^\s*http\s*\{", RegexOptions.Multiline)]
    private static partial Regex HttpBlock();

    [GeneratedRegex(@"^\s*resolver\s[^;]*;", RegexOptions.Multiline)]
    private static partial Regex ResolverLine();

    [GeneratedRegex(@"^\s*server\s+[a-z][a-z0-9-]*:7890\s+resolve\s*;", RegexOptions.Multiline)]
    private static partial Regex ResolvedServer();

    [GeneratedRegex(@"listen\s+7890\s*;")]
    private static partial Regex ListenLine();
}
