using GwSocket.Server.CommandLine;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.Tests;

public sealed class HoconTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static CommandLineOutcome.RunServer Run(params string[] args) =>
        Assert.IsType<CommandLineOutcome.RunServer>(GwSocketCommandLine.Parse(args));

    private static string Error(params string[] args) =>
        Assert.IsType<CommandLineOutcome.UsageError>(GwSocketCommandLine.Parse(args)).Message;

    [Fact]
    public void Embedded_defaults_read_as_the_contract_says()
    {
        var settings = SettingsReader.Read(HoconSources.EmbeddedDefaults());

        Assert.Equal(7890, settings.Port);
        Assert.Equal(1048576, settings.MaxFrameSize);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.KeepaliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.KeepaliveTimeout);
    }

    [Fact]
    public void Akka_never_logs_to_stdout_and_leaves_shutdown_to_the_host()
    {
        var hocon = HoconSources.EmbeddedDefaults();

        Assert.Equal("OFF", hocon.GetString("akka.stdout-loglevel"));
        Assert.False(hocon.GetBoolean("akka.coordinated-shutdown.run-by-clr-shutdown-hook"));
    }

    [Fact]
    public void Config_file_overrides_the_embedded_defaults_and_keeps_the_rest()
    {
        var file = _files.Write("gw.conf", """
            gwsocket {
              port = 9000
              origin = "http://example.com"
              max-frame-size = 2MiB
              keepalive.interval = 1m
              echo-mode = on
            }
            """);

        var settings = Run($"--config={file}").Settings;

        Assert.Equal(9000, settings.Port);
        Assert.Equal("http://example.com", settings.Origin);
        Assert.Equal(2 * 1024 * 1024, settings.MaxFrameSize);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.KeepaliveInterval);
        Assert.True(settings.EchoMode);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.KeepaliveTimeout);
        Assert.Equal("/tmp/wspipein.fifo", settings.PipeIn);
    }

    [Fact]
    public void Command_line_overrides_the_config_file()
    {
        var file = _files.Write("gw.conf", "gwsocket { port = 9000, max-frame-size = 100, origin = \"http://a\" }");

        var settings = Run($"--config={file}", "--port=9001", "--origin=http://b").Settings;

        Assert.Equal(9001, settings.Port);
        Assert.Equal("http://b", settings.Origin);
        Assert.Equal(100, settings.MaxFrameSize);
    }

    [Fact]
    public void Config_file_settings_reach_akka_too()
    {
        var file = _files.Write("gw.conf", "akka.loglevel = DEBUG");

        var run = Run($"--config={file}");

        Assert.Equal("DEBUG", run.Hocon.GetString("akka.loglevel"));
        Assert.Equal("OFF", run.Hocon.GetString("akka.stdout-loglevel"));
    }

    [Fact]
    public void Ssl_pair_may_come_half_from_the_file_and_half_from_the_command_line()
    {
        var cert = _files.Write("cert.pem", "cert");
        var key = _files.Write("key.pem", "key");
        var file = _files.Write("gw.conf", $"gwsocket.ssl-cert = \"{cert}\"");

        var settings = Run($"--config={file}", $"--ssl-key={key}").Settings;

        Assert.Equal(cert, settings.SslCert);
        Assert.Equal(key, settings.SslKey);
    }

    [Theory]
    [InlineData("gwsocket.port = 70000", "gwsocket.port: '70000' is not a valid port (1-65535)")]
    [InlineData("gwsocket.port = http", "gwsocket.port: 'http' is not a valid port (1-65535)")]
    [InlineData("gwsocket.addr = \"localhost\"", "gwsocket.addr: 'localhost' is not an IPv4 or IPv6 address")]
    [InlineData("gwsocket.max-frame-size = 0", "gwsocket.max-frame-size: '0' must be a positive number of bytes")]
    [InlineData("gwsocket.keepalive.timeout = 0s", "gwsocket.keepalive.timeout: must be longer than zero")]
    [InlineData("gwsocket.ssl-cert = \"/nonexistent.pem\"", "gwsocket.ssl-cert: '/nonexistent.pem': no such file")]
    [InlineData("gwsocket.echo-mode = maybe", "gwsocket.echo-mode: cannot read the value")]
    public void Bad_values_in_the_config_file_name_the_file_and_the_key(string content, string expected)
    {
        var file = _files.Write("gw.conf", content);

        var message = Error($"--config={file}");

        Assert.StartsWith($"--config: {file}: {expected}", message);
    }

    [Fact]
    public void Hocon_that_cannot_be_parsed_is_a_config_error()
    {
        var file = _files.Write("gw.conf", "gwsocket.port = ${nowhere}");

        Assert.StartsWith($"--config: '{file}' is not valid HOCON", Error($"--config={file}"));
    }
}
