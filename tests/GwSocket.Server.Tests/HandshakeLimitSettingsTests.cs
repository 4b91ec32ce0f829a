using static GwSocket.Server.Tests.CommandLineRuns;

namespace GwSocket.Server.Tests;

/// <summary>--max-connections, --handshake-timeout and --max-header-size: defaults, HOCON keys, the command line over both, bad values.</summary>
public sealed class HandshakeLimitSettingsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Defaults_are_no_client_cap_a_10_second_handshake_and_8_KiB_of_headers()
    {
        var settings = Settings();

        Assert.Equal(0, settings.MaxConnections);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.HandshakeTimeout);
        Assert.Equal(8 * 1024, settings.MaxHeaderSize);
    }

    [Fact]
    public void Command_line_sets_each_limit()
    {
        var settings = Settings("--max-connections=500", "--handshake-timeout=2.5", "--max-header-size=16384");

        Assert.Equal(500, settings.MaxConnections);
        Assert.Equal(TimeSpan.FromSeconds(2.5), settings.HandshakeTimeout);
        Assert.Equal(16384, settings.MaxHeaderSize);
    }

    [Fact]
    public void Config_file_sets_each_limit_and_the_command_line_wins()
    {
        var file = _files.Write("gw.conf", "gwsocket { max-connections = 20, handshake-timeout = 3s, max-header-size = 4KiB }");

        var fromFile = Settings($"--config={file}");
        var overridden = Settings($"--config={file}", "--max-connections=30");

        Assert.Equal(20, fromFile.MaxConnections);
        Assert.Equal(TimeSpan.FromSeconds(3), fromFile.HandshakeTimeout);
        Assert.Equal(4096, fromFile.MaxHeaderSize);
        Assert.Equal(30, overridden.MaxConnections);
    }

    [Theory]
    [InlineData("--max-connections=-1", "--max-connections", "'-1' is not a number of connections")]
    [InlineData("--max-connections=many", "--max-connections", "'many' is not a number of connections")]
    [InlineData("--handshake-timeout=0", "--handshake-timeout", "must be longer than zero")]
    [InlineData("--max-header-size=100", "--max-header-size", "'100' must be between 1024 and 1048576 bytes")]
    [InlineData("--max-header-size=2000000", "--max-header-size", "must be between 1024 and 1048576 bytes")]
    public void Bad_value_is_one_line_naming_the_option(string argument, string option, string reason)
    {
        var error = Error(argument);

        Assert.StartsWith(option, error);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Bad_header_size_in_a_config_file_names_the_key()
    {
        var file = _files.Write("gw.conf", "gwsocket.max-header-size = 10");

        var error = Error($"--config={file}");

        Assert.Contains("gwsocket.max-header-size", error);
        Assert.Contains("must be between 1024 and 1048576 bytes", error);
    }
}
