using System.Text.RegularExpressions;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>What a person reads on gwsocket's stderr: one event per line, one timestamp, no Akka internals at info.</summary>
public static partial class LogLines
{
    /// <summary>Marks of Akka's own lines: its level and date prefix, its cluster and remoting chatter, dead letters.</summary>
    private static readonly string[] AkkaInternals =
    [
        "[INFO]", "[WARNING]", "[ERROR]", "Cluster Node [", "Remoting", "remote daemon", "dead letters", "Disassociated",
        "leader", "SBR", "CoordinatedShutdown", "Association",
    ];

    /// <summary>Every line is one event of the text format, without a second timestamp or a colour code.</summary>
    public static void AssertTextFormat(IReadOnlyList<string> lines, Func<string> diagnostics)
    {
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            Assert.True(TextLine().IsMatch(line), $"not one line of the log format: '{line}'{diagnostics()}");
            Assert.False(line.Contains('\e'), $"a colour code in redirected stderr: '{line}'");
            Assert.False(SecondTimestamp().IsMatch(line[29..]), $"a second timestamp: '{line}'{diagnostics()}");
        }
    }

    /// <summary>At info and above: nothing of Akka's internals, and nothing at error.</summary>
    public static void AssertNoAkkaInternals(IReadOnlyList<string> lines, Func<string> diagnostics)
    {
        foreach (var line in lines)
        {
            Assert.False(AkkaInternals.Any(mark => line.Contains(mark, StringComparison.Ordinal)), $"Akka's internals at info: '{line}'{diagnostics()}");
            Assert.DoesNotContain(" error: ", line);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d (trace|debug|info|warning|error|critical): \S")]
    private static partial Regex TextLine();

    [GeneratedRegex(@"\d\d:\d\d:\d\d\.\d{3}|\d\d/\d\d/\d{4}")]
    private static partial Regex SecondTimestamp();
}
