using System.Globalization;
using System.Text.RegularExpressions;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A Prometheus text exposition, parsed the way a scraper reads it: one sample per line, <c># TYPE</c> lines
/// giving each family's type. Parsing fails on a line that is neither a comment nor a well-formed sample.
/// </summary>
public sealed partial class PrometheusText
{
    private readonly List<Sample> _samples = [];
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    public IReadOnlyList<Sample> Samples => _samples;

    public static PrometheusText Parse(string text)
    {
        var parsed = new PrometheusText();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || (line.StartsWith('#') && !line.StartsWith("# TYPE ", StringComparison.Ordinal)))
                continue;
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                parsed._types[parts[2]] = parts[3];
                continue;
            }
            var match = SampleLine().Match(line);
            if (!match.Success)
                throw new FormatException($"not a Prometheus sample line: '{line}'");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(pair => pair.Groups["name"].Value, pair => pair.Groups["value"].Value, StringComparer.Ordinal);
            parsed._samples.Add(new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
        return parsed;
    }

    public string? TypeOf(string family) => _types.GetValueOrDefault(family);

    /// <summary>The value of the one sample with this name and at least these labels, or null when there is none.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels)
    {
        var matching = _samples.Where(sample => sample.Name == name && labels.All(label => sample.Labels.GetValueOrDefault(label.Name) == label.Value)).ToList();
        return matching.Count switch
        {
            0 => null,
            1 => matching[0].Value,
            _ => throw new InvalidOperationException($"{matching.Count} samples of {name} match {string.Join(",", labels)}"),
        };
    }

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN|[+-]Inf)( -?\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
