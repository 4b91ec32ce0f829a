using System.Text.RegularExpressions;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Readme;

/// <summary>The README's options table names every option <c>gwsocket --help</c> lists, and <c>gwsocket pipe --help</c>'s are in its text.</summary>
public sealed partial class ReadmeOptionsTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(ServerBinary.RepositoryRoot, "README.md"));

    [Fact]
    public void Every_option_of_help_has_a_row_in_the_options_table()
    {
        var rows = Readme.Split('\n').Where(line => line.StartsWith("| `-", StringComparison.Ordinal)).ToList();
        var missing = Options("--help").Where(option => !rows.Any(row => row.Contains($"`{option}", StringComparison.Ordinal))).ToList();

        Assert.True(missing.Count == 0, $"README.md's options table has no row for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_option_of_gwsocket_pipe_is_described()
    {
        var missing = Options("pipe", "--help").Where(option => !Readme.Contains($"`{option}", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, $"README.md does not describe gwsocket pipe's: {string.Join(", ", missing)}");
    }

    private static List<string> Options(params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo(ServerBinary.DotnetHost) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])[ServerBinary.DllPath, .. arguments])
            info.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(info)!;
        var help = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(Timeouts.Exit));
        return HelpOption().Matches(help).Select(match => match.Value).Distinct().ToList();
    }

    [GeneratedRegex(@"--[a-z][a-z0-9-]*")]
    private static partial Regex HelpOption();
}
