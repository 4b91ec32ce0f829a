using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Akka.Configuration;
using GwSocket.Server.CommandLine;
using GwSocket.Server.Configuration;
using GwSocket.Server.Tests.Deployment;

namespace GwSocket.Server.Tests;

/// <summary>
/// <see cref="SettingDeclarations"/> is the one list of settings: these tests fail when hocon/gwsocket.conf, the
/// options, the defaults that help texts mention or README's options table disagree with it.
/// </summary>
public sealed partial class SettingDeclarationsTests
{
    private static readonly Config Defaults = HoconSources.EmbeddedDefaults().GetConfig("gwsocket");

    private static readonly IReadOnlyList<Option> Options = new GwSocketOptions().All;

    [Fact]
    public void Every_key_of_the_embedded_hocon_is_declared_and_every_declared_key_is_in_it()
    {
        var hoconKeys = LeafKeys(Defaults, "").Order().ToList();
        var declaredKeys = SettingDeclarations.All.Select(setting => setting.Key).OfType<string>().Order().ToList();

        Assert.Equal(hoconKeys, declaredKeys);
    }

    [Fact]
    public void Every_option_is_declared_and_every_declared_option_exists()
    {
        Assert.Equal(
            Options.Select(option => option.Name).Order(),
            SettingDeclarations.All.Select(setting => setting.Option).OfType<string>().Order());
    }

    [Fact]
    public void A_default_that_a_help_text_names_is_the_embedded_one()
    {
        foreach (var setting in SettingDeclarations.All.Where(setting => setting.Key is not null && setting.Option is not null))
        {
            if (HelpDefault().Match(setting.Help) is { Success: true } named)
                Assert.True(named.Groups[1].Value == CommandLineDefault(setting), $"{setting.Option}'s help names {named.Groups[1].Value}, HOCON has {CommandLineDefault(setting)}");
            else if (setting.Help.Contains("off by default", StringComparison.Ordinal))
                Assert.Equal("off", CommandLineDefault(setting));
        }
    }

    [Fact]
    public void Readme_options_table_has_one_row_per_declaration_with_its_key_environment_and_default()
    {
        var rows = File.ReadAllLines(RepositoryRoot.File("README.md"))
            .Where(line => line.StartsWith("| `-", StringComparison.Ordinal) || line.StartsWith("| (HOCON only)", StringComparison.Ordinal))
            .Select(line => CellSeparator().Split(line.Trim().Trim('|')).Select(cell => cell.Trim()).ToArray())
            .ToList();

        foreach (var setting in SettingDeclarations.All)
        {
            var row = Assert.Single(rows, cells => setting.Option is { } option
                ? OptionNames().Matches(cells[0]).Any(match => match.Value == option)
                : cells[0] == "(HOCON only)" && FirstCode(cells[2]) == setting.Key);
            var what = setting.Option ?? setting.Key;
            Assert.True(FirstCode(row[2]) == (setting.Key ?? ""), $"README's row of {what} has HOCON key '{FirstCode(row[2])}', declared '{setting.Key}'");
            Assert.True(Environments().Matches(string.Join(" | ", row)).Select(match => match.Value).SequenceEqual(setting.Environment is null ? [] : [setting.Environment]),
                $"README's row of {what} does not name exactly its environment variable {setting.Environment}");
            if (setting.Key is not null && Defaults.GetString(setting.Key) is { Length: > 0 })
            {
                var expected = setting.Option is null ? Defaults.GetString(setting.Key) : CommandLineDefault(setting);
                Assert.True(row[1].Replace("`", "", StringComparison.Ordinal).StartsWith(expected, StringComparison.Ordinal),
                    $"README's default of {what} is '{row[1]}', the embedded HOCON's {expected}");
            }
        }
        Assert.Equal(SettingDeclarations.All.Count, rows.Count);
    }

    /// <summary>The embedded default as the option would be written: seconds and bytes where the option takes them.</summary>
    private static string CommandLineDefault(SettingDeclaration setting)
    {
        var key = setting.Key!;
        return Options.Single(option => option.Name == setting.Option).HelpName switch
        {
            "seconds" => Defaults.GetTimeSpan(key).TotalSeconds.ToString(CultureInfo.InvariantCulture),
            "bytes" => Defaults.GetByteSize(key)!.Value.ToString(CultureInfo.InvariantCulture),
            _ => Defaults.GetString(key),
        };
    }

    private static IEnumerable<string> LeafKeys(Config config, string prefix) =>
        config.AsEnumerable().SelectMany(entry => entry.Value.IsObject()
            ? LeafKeys(config.GetConfig(entry.Key), $"{prefix}{entry.Key}.")
            : [$"{prefix}{entry.Key}"]);

    private static string FirstCode(string cell) => CodeSpan().Match(cell) is { Success: true } code ? code.Groups[1].Value : "";

    [GeneratedRegex(@"\(default ([^:;)\s]+)")]
    private static partial Regex HelpDefault();

    [GeneratedRegex(@"--[a-z][a-z0-9-]*")]
    private static partial Regex OptionNames();

    [GeneratedRegex(@"GWSOCKET_[A-Z_]+")]
    private static partial Regex Environments();

    /// <summary>A table's cell separator: a bar not escaped, as in <c>on\|off</c>.</summary>
    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSeparator();

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex CodeSpan();
}
