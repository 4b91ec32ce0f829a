using System.CommandLine;
using System.Text;

namespace GwSocket.Server.CommandLine;

/// <summary>The --help text, laid out like gwsocket's: one line per option.</summary>
internal static class UsageText
{
    public static string Build(IEnumerable<Option> options)
    {
        var rows = options.Select(option => (Flags: Flags(option), option.Description ?? "")).ToList();
        var width = rows.Max(row => row.Flags.Length) + 2;
        var text = new StringBuilder()
            .AppendLine("Usage: gwsocket [options ...]")
            .AppendLine()
            .AppendLine("A WebSocket server (RFC 6455) between your program's pipes and browsers.")
            .AppendLine()
            .AppendLine("Options:");
        foreach (var (flags, description) in rows)
            text.Append("  ").Append(flags.PadRight(width)).AppendLine(description);
        return text.ToString();
    }

    private static string Flags(Option option)
    {
        var shortAliases = option.Aliases.Where(alias => !alias.StartsWith("--", StringComparison.Ordinal));
        var names = string.Join(", ", shortAliases.Append(option.Name));
        return option.Arity.MaximumNumberOfValues == 0 ? names : $"{names}=<{option.HelpName}>";
    }
}
