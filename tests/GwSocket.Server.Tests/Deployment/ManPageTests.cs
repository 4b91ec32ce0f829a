using System.Diagnostics;
using System.Text.RegularExpressions;
using GwSocket.Server.CommandLine;

namespace GwSocket.Server.Tests.Deployment;

/// <summary>doc/gwsocket.1, the man page the Dockerfile installs: generated from the option declarations --help uses.</summary>
public sealed partial class ManPageTests
{
    private static readonly string Shipped = RepositoryRoot.File("doc/gwsocket.1");

    [Fact]
    public void The_shipped_page_is_the_generated_one()
    {
        var generated = ManPage.Build(new GwSocketOptions().All);
        var shipped = File.ReadAllText(Shipped);
        if (shipped != generated)
        {
            var fresh = Path.Combine(Path.GetTempPath(), $"gwsocket.1.{Environment.ProcessId}");
            File.WriteAllText(fresh, generated);
            Assert.Fail($"doc/gwsocket.1 differs from the options' declarations; the generated page is {fresh}: cp {fresh} {Shipped}");
        }
    }

    [Fact]
    public void Every_option_of_help_is_in_the_page()
    {
        var help = UsageText.Build(new GwSocketOptions().All);
        var page = ManPage.Build(new GwSocketOptions().All).Replace(@"\-", "-", StringComparison.Ordinal);

        var options = HelpOption().Matches(help).Select(match => match.Value).Distinct().ToList();
        Assert.Contains("--strict", options);
        Assert.All(options, option => Assert.Contains($@"\fB{option}\fR", page));
        Assert.Contains("STRICT MODE", page);
    }

    [Fact]
    public async Task Groff_renders_it_without_a_warning()
    {
        var info = new ProcessStartInfo("groff") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-man", "-Tutf8", "-ww", "-z", Shipped])
            info.ArgumentList.Add(argument);
        using var groff = Process.Start(info)!;
        var errors = groff.StandardError.ReadToEndAsync();
        await groff.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await groff.WaitForExitAsync(deadline.Token);

        Assert.Equal(0, groff.ExitCode);
        Assert.Equal("", await errors);
    }

    [GeneratedRegex(@"--[a-z][a-z0-9-]*")]
    private static partial Regex HelpOption();
}
