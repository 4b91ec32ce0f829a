using System.Text.RegularExpressions;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Readme;

/// <summary>What can be checked of a command a README block names without running it.</summary>
public static partial class ReadmeCommandCheck
{
    private static readonly HashSet<string> ShellWords =
    [
        "for", "in", "do", "done", "while", "until", "if", "then", "else", "fi", "cd", "export", "[", "test",
        "kill", "wait", "jobs", "true", "echo", "printf", "exit", "set",
    ];

    /// <summary>The options gwsocket's --help lists.</summary>
    private static readonly Lazy<HashSet<string>> GwSocketOptions = new(() => ReadHelp("--help"));

    /// <summary>The options <c>gwsocket pipe --help</c> lists.</summary>
    private static readonly Lazy<HashSet<string>> PipeOptions = new(() => ReadHelp("pipe", "--help"));

    public static IEnumerable<string> Problems(IReadOnlyList<string> command)
    {
        var name = command[0];
        if (ShellWords.Contains(name) || name.Contains('$'))
            yield break;
        if (name.Contains('/'))
        {
            var path = Path.IsPathRooted(name) ? name : Path.Combine(ServerBinary.RepositoryRoot, name);
            if (!File.Exists(path))
                yield return $"{name}: no such file";
            yield break;
        }
        if (!OnPath(name))
        {
            yield return $"{name}: not a command on PATH";
            yield break;
        }
        if (name == "dotnet")
        {
            foreach (var problem in DotnetProblems(command))
                yield return problem;
        }
    }

    private static IEnumerable<string> DotnetProblems(IReadOnlyList<string> command)
    {
        var verb = command.Count > 1 ? command[1] : "";
        IEnumerable<string> serverArguments = [];
        if (verb.EndsWith(".dll", StringComparison.Ordinal))
        {
            if (verb == "gwsocket.dll")
                serverArguments = command.Skip(2);
            else if (!File.Exists(Path.Combine(ServerBinary.RepositoryRoot, verb)))
                yield return $"dotnet {verb}: no such file (after dotnet build GwSocket.Actors.sln -c Release)";
        }
        else if (verb is "run" or "build")
        {
            var projectAt = IndexOf(command, "--project");
            var target = projectAt > 0 ? command[projectAt + 1] : command.Skip(2).FirstOrDefault(word => !word.StartsWith('-'));
            if (target is not null && !Path.Exists(Path.Combine(ServerBinary.RepositoryRoot, target)))
                yield return $"dotnet {verb}: {target}: no such project";
            if (target == "src/GwSocket.Server" && IndexOf(command, "--") is > 0 and var dashes)
                serverArguments = command.Skip(dashes + 1);
        }
        var pipe = serverArguments.FirstOrDefault() == "pipe";
        var known = pipe ? PipeOptions.Value : GwSocketOptions.Value;
        foreach (var argument in serverArguments.Where(word => word.StartsWith("--", StringComparison.Ordinal) && !word.Contains('$')))
        {
            var option = argument.Split('=')[0];
            if (!known.Contains(option))
                yield return $"gwsocket {(pipe ? "pipe " : "")}{option}: not an option of gwsocket {(pipe ? "pipe " : "")}--help";
        }
    }

    private static int IndexOf(IReadOnlyList<string> words, string word)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] == word)
                return i;
        }
        return -1;
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/sbin")
            .Any(directory => directory.Length > 0 && File.Exists(Path.Combine(directory, name)));

    private static HashSet<string> ReadHelp(params string[] arguments)
    {
        var help = ShellOutput(ServerBinary.DotnetHost, [ServerBinary.DllPath, .. arguments]);
        return HelpOption().Matches(help).Select(match => match.Value).ToHashSet();
    }

    private static string ShellOutput(string fileName, params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo(fileName) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(Timeouts.Exit))
        {
            process.Kill();
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not exit");
        }
        return output.Result;
    }

    [GeneratedRegex(@"--[a-z][a-z0-9-]*")]
    private static partial Regex HelpOption();
}
