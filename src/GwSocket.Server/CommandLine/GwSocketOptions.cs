using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.CommandLine;

/// <summary>gwsocket's options, with gwsocket's names; each value is checked as it is parsed. Their help is declared in <see cref="SettingDeclarations"/>.</summary>
internal sealed class GwSocketOptions
{
    public Option<int> Port { get; } = Valued<int>("--port", "port", SettingValues.TryParsePort, "-p");

    public Option<IPAddress?> Address { get; } = Valued<IPAddress?>("--addr", "addr", SettingValues.TryParseAddress);

    public Option<string> UnixSocket { get; } = Valued<string>("--unix-socket", "path", SettingValues.TryParseNonEmpty);

    public Option<string> Origin { get; } = Valued<string>("--origin", "origin", SettingValues.TryParseNonEmpty);

    public Option<long> MaxFrameSize { get; } = Valued<long>("--max-frame-size", "bytes", SettingValues.TryParseFrameSize);

    public Option<int> MaxConnections { get; } = Valued<int>("--max-connections", "count", SettingValues.TryParseMaxConnections);

    public Option<TimeSpan> HandshakeTimeout { get; } = Valued<TimeSpan>("--handshake-timeout", "seconds", SettingValues.TryParseTimeoutSeconds);

    public Option<TimeSpan> SlowClientsMaxDelay { get; } = Valued<TimeSpan>("--slow-clients-max-delay", "seconds", SettingValues.TryParseTimeoutSeconds);

    public Option<int> MaxHeaderSize { get; } = Valued<int>("--max-header-size", "bytes", SettingValues.TryParseHeaderSize);

    public Option<bool> EchoMode { get; } = Flag("--echo-mode");

    public Option<OnOff> Compression { get; } = Valued<OnOff>("--compression", "on|off", SettingValues.TryParseOnOff);

    public Option<string> AccessLog { get; } = Valued<string>("--access-log", "path/file", SettingValues.TryParseNonEmpty);

    public Option<string> SslCert { get; } = Valued<string>("--ssl-cert", "cert.pem", SettingValues.TryParseExistingFile);

    public Option<string> SslKey { get; } = Valued<string>("--ssl-key", "key.pem", SettingValues.TryParseExistingFile);

    public Option<string> Config { get; } = Valued<string>("--config", "file", SettingValues.TryParseExistingFile);

    public Option<TimeSpan> KeepaliveInterval { get; } = Valued<TimeSpan>("--keepalive-interval", "seconds", SettingValues.TryParseIntervalSeconds);

    public Option<TimeSpan> KeepaliveTimeout { get; } = Valued<TimeSpan>("--keepalive-timeout", "seconds", SettingValues.TryParseTimeoutSeconds);

    public Option<string> PipeIn { get; } = Valued<string>("--pipein", "path/file", SettingValues.TryParseNonEmpty);

    public Option<string> PipeOut { get; } = Valued<string>("--pipeout", "path/file", SettingValues.TryParseNonEmpty);

    public Option<bool> Std { get; } = Flag("--std");

    public Option<bool> Stdin { get; } = Flag("--stdin");

    public Option<bool> Stdout { get; } = Flag("--stdout");

    public Option<bool> Strict { get; } = Flag("--strict");

    public Option<string> ClusterHost { get; } = Valued<string>("--cluster-host", "host", ClusterValues.TryParseHost);

    public Option<int> ClusterPort { get; } = Valued<int>("--cluster-port", "port", ClusterValues.TryParseClusterPort);

    public Option<SeedNode[]> Seed { get; } = new("--seed")
    {
        HelpName = "host:port",
        Description = SettingDeclarations.HelpOf("--seed"),
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = ParseSeeds,
    };

    public Option<string> NodeName { get; } = Valued<string>("--node-name", "name", SettingValues.TryParseNonEmpty);

    public Option<EventScope> Events { get; } = Valued<EventScope>("--events", "cluster|local", ClusterValues.TryParseEventScope);

    public Option<string> PipeTokenFile { get; } = Valued<string>("--pipe-token-file", "path", SettingValues.TryParseExistingFile);

    public Option<int> MaxPipeConnections { get; } = Valued<int>("--max-pipe-connections", "count", SettingValues.TryParseMaxPipeConnections);

    public Option<bool> Demo { get; } = Flag("--demo");

    public Option<Microsoft.Extensions.Logging.LogLevel> LogLevel { get; } = Valued<Microsoft.Extensions.Logging.LogLevel>("--log-level", "level", LogLevels.TryParse);

    public Option<LogFormat> LogFormat { get; } = Valued<LogFormat>("--log-format", "text|json", LogFormats.TryParse);

    public Option<TimeSpan> ShutdownTimeout { get; } = Valued<TimeSpan>("--shutdown-timeout", "seconds", SettingValues.TryParseTimeoutSeconds);

    public Option<bool> Help { get; } = Flag("--help", "-h");

    public Option<bool> Version { get; } = Flag("--version", "-V");

    /// <summary>Every option, in the order the help lists them.</summary>
    public IReadOnlyList<Option> All =>
    [
        Port, Help, Version, AccessLog, Address, ClusterHost, ClusterPort, Compression, Config, Demo, EchoMode, Events, HandshakeTimeout,
        KeepaliveInterval, KeepaliveTimeout, LogFormat, LogLevel, MaxConnections, MaxFrameSize, MaxHeaderSize, MaxPipeConnections, NodeName,
        Origin, PipeIn, PipeOut, PipeTokenFile, Seed, ShutdownTimeout, SlowClientsMaxDelay, SslCert, SslKey, Std, Stdin, Stdout, Strict, UnixSocket,
    ];

    /// <summary>A command with only these options: no built-in help, version or directives, which differ from gwsocket's.</summary>
    public Command CreateCommand()
    {
        var command = new Command("gwsocket");
        foreach (var option in All)
            command.Options.Add(option);
        return command;
    }

    private static Option<T> Valued<T>(string name, string helpName, SettingValues.TryParse<T> tryParse, params string[] aliases) =>
        new(name, aliases)
        {
            HelpName = helpName,
            Description = SettingDeclarations.HelpOf(name),
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result => ParseLastToken(result, tryParse),
        };

    private static Option<bool> Flag(string name, params string[] aliases) =>
        new(name, aliases) { Description = SettingDeclarations.HelpOf(name), Arity = ArgumentArity.Zero };

    /// <summary>--seed may be given several times; each occurrence adds one node.</summary>
    private static SeedNode[] ParseSeeds(ArgumentResult result)
    {
        var seeds = new List<SeedNode>();
        foreach (var token in result.Tokens)
        {
            if (!ClusterValues.TryParseSeed(token.Value, out var seed, out var error))
            {
                result.AddError(error);
                return [];
            }
            seeds.Add(seed);
        }
        return [.. seeds];
    }

    private static T ParseLastToken<T>(ArgumentResult result, SettingValues.TryParse<T> tryParse)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (tryParse(text, out var value, out var error))
            return value;
        result.AddError(error);
        return default!;
    }
}
