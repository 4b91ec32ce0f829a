using GwSocket.Server.CommandLine;
using GwSocket.Server.Configuration;
using GwSocket.Server.Tests.Hosting;

namespace GwSocket.Server.Tests;

/// <summary>--compression=on|off and the compression section of HOCON.</summary>
public sealed class CompressionOptionTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Compression_is_on_by_default_from_128_bytes()
    {
        var settings = Run();

        Assert.True(settings.Compression);
        Assert.Equal(128, settings.CompressionMinSize);
        Assert.Equal(128, BrokerSettings.Of(settings).Connections.CompressionMinSize);
    }

    [Theory]
    [InlineData("--compression=off", false)]
    [InlineData("--compression=on", true)]
    public void Command_line_switches_it(string option, bool expected) =>
        Assert.Equal(expected, Run(option).Compression);

    [Fact]
    public void Hocon_switches_it_and_sets_the_minimum_size()
    {
        var config = _files.Write("gw.conf", "gwsocket.compression { enabled = off, min-size = 1KiB }");

        var settings = Run($"--config={config}");

        Assert.False(settings.Compression);
        Assert.Equal(1024, settings.CompressionMinSize);
    }

    [Fact]
    public void Command_line_wins_over_hocon()
    {
        var config = _files.Write("gw.conf", "gwsocket.compression.enabled = off");

        Assert.True(Run($"--config={config}", "--compression=on").Compression);
    }

    [Theory]
    [InlineData("--compression: 'yes' is neither on nor off", "--compression=yes")]
    [InlineData("--compression: 'yes' is neither on nor off", "--compression", "yes")]
    public void Bad_value_gives_one_line_naming_the_option(string expected, params string[] args)
    {
        var error = Assert.IsType<CommandLineOutcome.UsageError>(GwSocketCommandLine.Parse(args));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Negative_minimum_size_in_hocon_is_an_error_naming_the_key()
    {
        var config = _files.Write("gw.conf", "gwsocket.compression.min-size = -1");

        var error = Assert.IsType<CommandLineOutcome.UsageError>(GwSocketCommandLine.Parse([$"--config={config}"]));

        Assert.Contains("gwsocket.compression.min-size", error.Message);
    }

    private static GwSocketSettings Run(params string[] args) =>
        Assert.IsType<CommandLineOutcome.RunServer>(GwSocketCommandLine.Parse(args)).Settings;
}
