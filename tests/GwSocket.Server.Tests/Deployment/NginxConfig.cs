using System.Globalization;
using System.Text.RegularExpressions;

namespace GwSocket.Server.Tests.Deployment;

/// <summary>The few directives of deploy/nginx.conf the tests check; comments are dropped before matching.</summary>
internal sealed partial class NginxConfig(string text)
{
    private readonly string _text = Comment().Replace(text, "");

    public static NginxConfig Repository { get; } = new(File.ReadAllText(RepositoryRoot.File("deploy/nginx.conf")));

    /// <summary>Each upstream block's servers as host and port.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(string Host, int Port)>> Upstreams =>
        Upstream().Matches(_text).ToDictionary(
            match => match.Groups["name"].Value,
            match => (IReadOnlyList<(string, int)>)[.. Server().Matches(match.Groups["body"].Value)
                .Select(server => (server.Groups["host"].Value, int.Parse(server.Groups["port"].Value, CultureInfo.InvariantCulture)))]);

    /// <summary>Every value of a directive, in order, e.g. Values("listen").</summary>
    public IReadOnlyList<string> Values(string directive) =>
        [.. Regex.Matches(_text, $@"(?m)^\s*{Regex.Escape(directive)}\s+([^;]+);").Select(match => match.Groups[1].Value.Trim())];

    /// <summary>The variables a <c>map SOURCE $variable { }</c> block defines from <paramref name="source"/>.</summary>
    public IReadOnlyList<string> VariablesMappedFrom(string source) =>
        [.. Regex.Matches(_text, $@"map\s+{Regex.Escape(source)}\s+(\$\w+)\s*\{{").Select(match => match.Groups[1].Value)];

    /// <summary>An nginx time such as 1h, 60s, 30m, 1d.</summary>
    public static TimeSpan Time(string value)
    {
        var match = TimeValue().Match(value);
        if (!match.Success)
            throw new FormatException($"'{value}' is not an nginx time");
        var amount = int.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "" or "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            "d" => TimeSpan.FromDays(amount),
            var unit => throw new FormatException($"unit '{unit}' of '{value}'"),
        };
    }

    [GeneratedRegex(@"#[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"upstream\s+(?<name>[\w.-]+)\s*\{(?<body>[^}]*)\}")]
    private static partial Regex Upstream();

    [GeneratedRegex(@"(?m)^\s*server\s+(?<host>[^\s:;]+):(?<port>\d+)[^;]*;")]
    private static partial Regex Server();

    [GeneratedRegex(@"^(?<amount>\d+)(?<unit>ms|s|m|h|d|)$")]
    private static partial Regex TimeValue();
}
