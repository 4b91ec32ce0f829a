using System.Text.RegularExpressions;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Readme;

/// <summary>How the README test treats one shell block, from the comment line above it.</summary>
public enum ReadmeBlockKind
{
    /// <summary><c>&lt;!-- readme-test: run, what clients send reaches OUTPUT --&gt;</c>: executed, and a client checks it.</summary>
    Run,

    /// <summary><c>&lt;!-- readme-test: commands --&gt;</c>: every command it names must exist, every gwsocket option be known.</summary>
    Commands,

    /// <summary><c>&lt;!-- readme-test: docker --&gt;</c>: no Docker engine here; its services must be those of docker-compose.yml.</summary>
    Docker,
}

/// <param name="Output">For Run: where what a client sends comes out: <c>stdout</c>, a file name, or <c>nothing</c>.</param>
public sealed record ReadmeShellBlock(string Section, int Line, ReadmeBlockKind Kind, string Script, string? Output)
{
    public override string ToString() => $"README.md:{Line} ({Section}, {Kind})";
}

/// <summary>The ```sh blocks of README.md, each with the readme-test comment that must stand on the line above it.</summary>
public static partial class ReadmeShellBlocks
{
    public static string ReadmePath => Path.Combine(ServerBinary.RepositoryRoot, "README.md");

    public static IReadOnlyList<ReadmeShellBlock> All { get; } = Parse(File.ReadAllLines(ReadmePath));

    public static IReadOnlyList<ReadmeShellBlock> Parse(string[] lines)
    {
        var blocks = new List<ReadmeShellBlock>();
        var section = "(top)";
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
                section = lines[i][3..];
            if (lines[i] != "```sh")
                continue;
            var start = i;
            var end = Array.IndexOf(lines, "```", start + 1);
            if (end < 0)
                throw new FormatException($"README.md:{start + 1}: the shell block never ends");
            var marker = start > 0 ? Marker().Match(lines[start - 1]) : Match.Empty;
            if (!marker.Success)
                throw new FormatException($"README.md:{start + 1}: no <!-- readme-test: run|commands|docker --> on the line above this shell block");
            var kind = Enum.Parse<ReadmeBlockKind>(marker.Groups["kind"].Value, ignoreCase: true);
            var output = marker.Groups["output"].Success ? marker.Groups["output"].Value : null;
            if ((kind == ReadmeBlockKind.Run) != (output is not null))
                throw new FormatException($"README.md:{start}: a run block says where what clients send reaches, and only a run block");
            blocks.Add(new ReadmeShellBlock(section, start + 1, kind, string.Join('\n', lines[(start + 1)..end]) + "\n", output));
            i = end;
        }
        return blocks;
    }

    [GeneratedRegex(@"^<!-- readme-test: (?<kind>run|commands|docker)(, what clients send reaches (?<output>\S+))? -->$")]
    private static partial Regex Marker();
}
