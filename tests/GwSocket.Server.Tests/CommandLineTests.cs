using System.Net;
using GwSocket.Server.CommandLine;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static GwSocketSettings Run(params string[] args)
    {
        var outcome = GwSocketCommandLine.Parse(args);
        var run = Assert.IsType<CommandLineOutcome.RunServer>(outcome);
        return run.Settings;
    }

    private static string Error(params string[] args)
    {
        var outcome = GwSocketCommandLine.Parse(args);
        var error = Assert.IsType<CommandLineOutcome.UsageError>(outcome);
        Assert.DoesNotContain('\n', error.Line);
        Assert.StartsWith("gwsocket: ", error.Line);
        return error.Message;
    }

    [Fact]
    public void No_arguments_give_gwsockets_defaults()
    {
        var settings = Run();

        Assert.Equal(7890, settings.Port);
        Assert.Null(settings.Address);
        Assert.Null(settings.UnixSocket);
        Assert.Null(settings.Origin);
        Assert.Equal(1048576, settings.MaxFrameSize);
        Assert.False(settings.EchoMode);
        Assert.Null(settings.AccessLog);
        Assert.Null(settings.SslCert);
        Assert.Null(settings.SslKey);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.KeepaliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.KeepaliveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.CloseTimeout);
        Assert.Equal("/tmp/wspipein.fifo", settings.PipeIn);
        Assert.Equal("/tmp/wspipeout.fifo", settings.PipeOut);
        Assert.False(settings.Stdin);
        Assert.False(settings.Stdout);
        Assert.False(settings.Strict);
    }

    [Theory]
    [InlineData("--port=7891")]
    [InlineData("--port", "7891")]
    [InlineData("-p", "7891")]
    [InlineData("-p7891")]
    public void Port_is_accepted_in_every_getopt_spelling(params string[] args) =>
        Assert.Equal(7891, Run(args).Port);

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("::1", "::1")]
    [InlineData("[::1]", "::1")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    public void Addr_takes_ipv4_and_ipv6_literals(string given, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), Run($"--addr={given}").Address);

    [Fact]
    public void String_options_are_taken_as_given()
    {
        var settings = Run("--unix-socket=/run/gw.sock", "--origin=http://example.com", "--access-log=/var/log/gw.log",
            "--pipein=/tmp/in", "--pipeout=/tmp/out");

        Assert.Equal("/run/gw.sock", settings.UnixSocket);
        Assert.Equal("http://example.com", settings.Origin);
        Assert.Equal("/var/log/gw.log", settings.AccessLog);
        Assert.Equal("/tmp/in", settings.PipeIn);
        Assert.Equal("/tmp/out", settings.PipeOut);
    }

    [Fact]
    public void Max_frame_size_is_a_number_of_bytes() =>
        Assert.Equal(65536, Run("--max-frame-size=65536").MaxFrameSize);

    [Fact]
    public void Keepalive_options_are_seconds()
    {
        var settings = Run("--keepalive-interval=5", "--keepalive-timeout=2.5");

        Assert.Equal(TimeSpan.FromSeconds(5), settings.KeepaliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(2.5), settings.KeepaliveTimeout);
    }

    [Fact]
    public void Keepalive_interval_zero_turns_keepalive_off() =>
        Assert.Equal(TimeSpan.Zero, Run("--keepalive-interval=0").KeepaliveInterval);

    [Fact]
    public void Flags_switch_their_setting_on()
    {
        var settings = Run("--echo-mode", "--stdin", "--stdout", "--strict");

        Assert.True(settings.EchoMode);
        Assert.True(settings.Stdin);
        Assert.True(settings.Stdout);
        Assert.True(settings.Strict);
    }

    [Fact]
    public void Std_means_stdin_and_stdout()
    {
        var settings = Run("--std");

        Assert.True(settings.Stdin);
        Assert.True(settings.Stdout);
    }

    [Fact]
    public void Ssl_cert_and_key_pair_is_accepted_when_both_files_exist()
    {
        var cert = _files.Write("cert.pem", "cert");
        var key = _files.Write("key.pem", "key");

        var settings = Run($"--ssl-cert={cert}", $"--ssl-key={key}");

        Assert.Equal(cert, settings.SslCert);
        Assert.Equal(key, settings.SslKey);
        Assert.True(settings.UsesTls);
    }

    [Theory]
    [InlineData("--port: 'abc' is not a valid port (1-65535)", "--port=abc")]
    [InlineData("--port: '0' is not a valid port (1-65535)", "-p", "0")]
    [InlineData("--port: '65536' is not a valid port (1-65535)", "--port=65536")]
    [InlineData("--port: '-1' is not a valid port (1-65535)", "--port=-1")]
    [InlineData("--port: missing value", "--port")]
    [InlineData("--max-frame-size: '0' must be a positive number of bytes", "--max-frame-size=0")]
    [InlineData("--max-frame-size: 'lots' is not a number of bytes", "--max-frame-size=lots")]
    [InlineData("--addr: 'example.com' is not an IPv4 or IPv6 address", "--addr=example.com")]
    [InlineData("--addr: '1' is not an IPv4 or IPv6 address", "--addr=1")]
    [InlineData("--addr: '::g' is not an IPv4 or IPv6 address", "--addr=::g")]
    [InlineData("--keepalive-interval: 'soon' is not a number of seconds", "--keepalive-interval=soon")]
    [InlineData("--keepalive-timeout: '0' must be longer than zero", "--keepalive-timeout=0")]
    [InlineData("--origin: missing value", "--origin=")]
    [InlineData("--ssl-cert: '/nonexistent/cert.pem': no such file", "--ssl-cert=/nonexistent/cert.pem")]
    [InlineData("--ssl-key: '/nonexistent/key.pem': no such file", "--ssl-key=/nonexistent/key.pem")]
    [InlineData("--config: '/nonexistent/gw.conf': no such file", "--config=/nonexistent/gw.conf")]
    [InlineData("--bogus: unknown option", "--bogus")]
    [InlineData("--bogus: unknown option", "--bogus=1")]
    [InlineData("-x: unknown option", "-x")]
    [InlineData("'stray': unexpected argument", "stray")]
    public void Bad_arguments_give_one_line_naming_the_option(string expected, params string[] args) =>
        Assert.Equal(expected, Error(args));

    [Fact]
    public void An_option_given_twice_is_an_error_naming_it() =>
        Assert.StartsWith("--port: ", Error("--port=1", "--port=2"));

    [Fact]
    public void Ssl_cert_without_ssl_key_is_an_error()
    {
        var cert = _files.Write("cert.pem", "cert");

        Assert.Equal("--ssl-cert: needs --ssl-key as well", Error($"--ssl-cert={cert}"));
    }

    [Fact]
    public void Ssl_key_without_ssl_cert_is_an_error()
    {
        var key = _files.Write("key.pem", "key");

        Assert.Equal("--ssl-key: needs --ssl-cert as well", Error($"--ssl-key={key}"));
    }

    [Fact]
    public void A_response_file_token_is_not_expanded() =>
        Assert.Equal("'@args.txt': unexpected argument", Error("@args.txt"));

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void Help_lists_every_option(string flag)
    {
        var info = Assert.IsType<CommandLineOutcome.PrintInfo>(GwSocketCommandLine.Parse([flag]));

        Assert.StartsWith("Usage: gwsocket", info.Text);
        foreach (var option in new GwSocketOptions().All)
            Assert.Contains(option.Name, info.Text);
        Assert.Contains("-p, --port=<port>", info.Text);
    }

    [Theory]
    [InlineData("-V")]
    [InlineData("--version")]
    public void Version_prints_the_name_and_version(string flag)
    {
        var info = Assert.IsType<CommandLineOutcome.PrintInfo>(GwSocketCommandLine.Parse([flag]));

        Assert.Matches(@"^gwsocket \d+\.\d+\.\d+\S* \(GwSocket\.Actors on Akka\.NET, compatible with gwsocket 0\.4\)\r?\n$", info.Text);
    }

    [Fact]
    public void Help_wins_over_other_arguments() =>
        Assert.IsType<CommandLineOutcome.PrintInfo>(GwSocketCommandLine.Parse(["--port=abc", "--help"]));
}
