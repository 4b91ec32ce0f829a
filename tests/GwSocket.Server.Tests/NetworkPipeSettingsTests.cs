using System.Collections;
using GwSocket.Server.CommandLine;
using GwSocket.Server.Configuration;
using GwSocket.Server.PipeClient;

namespace GwSocket.Server.Tests;

/// <summary>The network pipe's settings: the server's --pipe-token-file and --max-pipe-connections, and gwsocket pipe's options.</summary>
public sealed class NetworkPipeSettingsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static CommandLineOutcome Parse(IDictionary? environment, params string[] args) =>
        GwSocketCommandLine.Parse(args, environment ?? new Hashtable());

    private static GwSocketSettings Run(IDictionary? environment, params string[] args) =>
        Assert.IsType<CommandLineOutcome.RunServer>(Parse(environment, args)).Settings;

    [Fact]
    public void Without_a_token_file_there_is_no_network_pipe_and_the_cap_is_64()
    {
        var settings = Run(null);

        Assert.Null(settings.PipeTokenFile);
        Assert.Equal(64, settings.MaxPipeConnections);
    }

    [Fact]
    public void The_token_file_comes_from_the_command_line_the_environment_or_hocon_in_that_order()
    {
        var fromHocon = _files.Write("hocon-token", "a\n");
        var fromEnvironment = _files.Write("env-token", "b\n");
        var fromCommandLine = _files.Write("cli-token", "c\n");
        var config = _files.Write("gwsocket.conf", $"gwsocket.pipe-token-file = \"{fromHocon}\"\ngwsocket.max-pipe-connections = 3\n");
        var environment = new Hashtable { [ClusterEnvironment.PipeTokenFile] = fromEnvironment };

        Assert.Equal((fromHocon, 3), (Run(null, $"--config={config}").PipeTokenFile, Run(null, $"--config={config}").MaxPipeConnections));
        Assert.Equal(fromEnvironment, Run(environment, $"--config={config}").PipeTokenFile);
        Assert.Equal(fromCommandLine, Run(environment, $"--config={config}", $"--pipe-token-file={fromCommandLine}").PipeTokenFile);
        Assert.Equal(5, Run(null, "--max-pipe-connections=5").MaxPipeConnections);
    }

    [Theory]
    [InlineData("--pipe-token-file=/nonexistent/token", "--pipe-token-file")]
    [InlineData("--max-pipe-connections=0", "--max-pipe-connections")]
    [InlineData("--max-pipe-connections=many", "--max-pipe-connections")]
    public void A_bad_value_is_a_usage_error_naming_the_option(string argument, string option)
    {
        var error = Assert.IsType<CommandLineOutcome.UsageError>(Parse(null, argument));

        Assert.StartsWith($"gwsocket: {option}", error.Line);
    }

    [Fact]
    public void A_missing_token_file_from_the_environment_names_the_variable()
    {
        var error = Assert.IsType<CommandLineOutcome.UsageError>(Parse(new Hashtable { [ClusterEnvironment.PipeTokenFile] = "/nonexistent/token" }));

        Assert.Contains(ClusterEnvironment.PipeTokenFile, error.Line);
    }

    [Fact]
    public void Gwsocket_pipe_takes_the_url_first_or_after_its_flags()
    {
        var token = _files.Write("token", "secret\n");

        var producer = Pipe("wss://lb.example/gwsocket/pipe", $"--token-file={token}", "--strict");
        var watcher = Pipe("--events", "ws://lb:7890/gwsocket/pipe", $"--token-file={token}", "--insecure");

        Assert.Equal((new Uri("wss://lb.example/gwsocket/pipe"), "secret", false, true, false), (producer.Url, producer.Token, producer.Events, producer.Strict, producer.Insecure));
        Assert.Equal((new Uri("ws://lb:7890/gwsocket/pipe"), true, false, true), (watcher.Url, watcher.Events, watcher.Strict, watcher.Insecure));
    }

    [Theory]
    [InlineData("http://lb/gwsocket/pipe", "--token-file=TOKEN", "is not a ws:// or wss:// URL")]
    [InlineData("ws://lb/gwsocket/pipe", "", "--token-file")]
    [InlineData("ws://lb/gwsocket/pipe", "--token-file=/nonexistent", "no such file")]
    [InlineData("ws://lb/gwsocket/pipe", "--token-file=EMPTY", "holds no token")]
    [InlineData("ws://lb/gwsocket/pipe", "--token-file=TOKEN --ca-cert=/nonexistent.pem", "--ca-cert")]
    public void Gwsocket_pipe_refuses_what_cannot_work(string url, string options, string error)
    {
        var token = _files.Write("token", "secret\n");
        var empty = _files.Write("empty", "\n");
        var arguments = options.Replace("TOKEN", token).Replace("EMPTY", empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Prepend(url).ToList();

        var (settings, message, _) = new PipeClientOptions().Parse(arguments);

        Assert.Null(settings);
        Assert.Contains(error, message);
    }

    private static PipeClientSettings Pipe(params string[] arguments)
    {
        var (settings, error, _) = new PipeClientOptions().Parse(arguments);
        Assert.True(settings is not null, error);
        return settings;
    }
}
