using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.CommandLine;

/// <summary>gwsocket's options, with gwsocket's names; each value is checked as it is parsed.</summary>
public sealed class GwSocketOptions
{
    public Option<int> Port { get; } = Valued<int>("--port", "port", "Port to listen on (default 7890).", SettingValues.TryParsePort, "-p");

    public Option<IPAddress?> Address { get; } = Valued<IPAddress?>("--addr", "addr", "IPv4 or IPv6 address to bind (default: every interface).", SettingValues.TryParseAddress);

    public Option<string> UnixSocket { get; } = Valued<string>("--unix-socket", "path", "Listen on this unix domain socket instead of TCP.", SettingValues.TryParseNonEmpty);

    public Option<string> Origin { get; } = Valued<string>("--origin", "origin", "Accept only clients sending this Origin header.", SettingValues.TryParseNonEmpty);

    public Option<long> MaxFrameSize { get; } = Valued<long>("--max-frame-size", "bytes", "Largest frame or message accepted (default 1048576).", SettingValues.TryParseFrameSize);

    public Option<int> MaxConnections { get; } = Valued<int>("--max-connections", "count", "WebSocket clients served at once; beyond it 503 (default 0: no cap but the fd limit).", SettingValues.TryParseMaxConnections);

    public Option<TimeSpan> HandshakeTimeout { get; } = Valued<TimeSpan>("--handshake-timeout", "seconds", "Close a connection that has not sent its upgrade request in time (default 10).", SettingValues.TryParseTimeoutSeconds);

    public Option<TimeSpan> SlowClientsMaxDelay { get; } = Valued<TimeSpan>("--slow-clients-max-delay", "seconds", "A client whose oldest queued message waited longer gets the slow-client policy and holds pipe-in back no longer (default 5).", SettingValues.TryParseTimeoutSeconds);

    public Option<int> MaxHeaderSize { get; } = Valued<int>("--max-header-size", "bytes", "Largest request head accepted; beyond it 431 (default 8192).", SettingValues.TryParseHeaderSize);

    public Option<bool> EchoMode { get; } = Flag("--echo-mode", "Echo every received message back to its sender.");

    public Option<OnOff> Compression { get; } = Valued<OnOff>("--compression", "on|off", "permessage-deflate with clients that offer it (default on).", SettingValues.TryParseOnOff);

    public Option<string> AccessLog { get; } = Valued<string>("--access-log", "path/file", "Append one line per connection to this file.", SettingValues.TryParseNonEmpty);

    public Option<string> SslCert { get; } = Valued<string>("--ssl-cert", "cert.pem", "PEM certificate for wss:// (needs --ssl-key).", SettingValues.TryParseExistingFile);

    public Option<string> SslKey { get; } = Valued<string>("--ssl-key", "key.pem", "PEM private key for --ssl-cert.", SettingValues.TryParseExistingFile);

    public Option<string> Config { get; } = Valued<string>("--config", "file", "HOCON file read over the built-in defaults.", SettingValues.TryParseExistingFile);

    public Option<TimeSpan> KeepaliveInterval { get; } = Valued<TimeSpan>("--keepalive-interval", "seconds", "Ping clients silent this long; 0 turns it off (default 30).", SettingValues.TryParseIntervalSeconds);

    public Option<TimeSpan> KeepaliveTimeout { get; } = Valued<TimeSpan>("--keepalive-timeout", "seconds", "Drop clients not answering a ping in time (default 10).", SettingValues.TryParseTimeoutSeconds);

    public Option<string> PipeIn { get; } = Valued<string>("--pipein", "path/file", "Named pipe read for messages to clients (default /tmp/wspipein.fifo).", SettingValues.TryParseNonEmpty);

    public Option<string> PipeOut { get; } = Valued<string>("--pipeout", "path/file", "Named pipe written with client messages (default /tmp/wspipeout.fifo).", SettingValues.TryParseNonEmpty);

    public Option<bool> Std { get; } = Flag("--std", "Same as --stdin --stdout.");

    public Option<bool> Stdin { get; } = Flag("--stdin", "Send stdin to the clients instead of reading --pipein.");

    public Option<bool> Stdout { get; } = Flag("--stdout", "Write client messages to stdout instead of --pipeout.");

    public Option<bool> Strict { get; } = Flag("--strict", "Frame pipe data with gwsocket's 12-byte header (see the man page).");

    public Option<string> ClusterHost { get; } = Valued<string>("--cluster-host", "host", "Address other nodes use to reach this one (env GWSOCKET_CLUSTER_HOST).", ClusterValues.TryParseHost);

    public Option<int> ClusterPort { get; } = Valued<int>("--cluster-port", "port", "Port for the other nodes, Akka.Remote (default 0: any; env GWSOCKET_CLUSTER_PORT).", ClusterValues.TryParseClusterPort);

    public Option<SeedNode[]> Seed { get; } = new("--seed")
    {
        HelpName = "host:port",
        Description = "A node to join; repeat for several (env GWSOCKET_SEEDS=host:port,host:port).",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = ParseSeeds,
    };

    public Option<string> NodeName { get; } = Valued<string>("--node-name", "name", "This node's name in logs and on the status page (default: host name).", SettingValues.TryParseNonEmpty);

    public Option<EventScope> Events { get; } = Valued<EventScope>("--events", "cluster|local", "Pipe-out carries every node's client events, or this node's only (default cluster).", ClusterValues.TryParseEventScope);

    public Option<string> PipeTokenFile { get; } = Valued<string>("--pipe-token-file", "path", "Serve the network pipe at /gwsocket/pipe to whoever sends this file's secret as a bearer token (env GWSOCKET_PIPE_TOKEN_FILE).", SettingValues.TryParseExistingFile);

    public Option<int> MaxPipeConnections { get; } = Valued<int>("--max-pipe-connections", "count", "Network pipe connections served at once; beyond it 503 (default 64).", SettingValues.TryParseMaxPipeConnections);

    public Option<bool> Demo { get; } = Flag("--demo", "Serve a demo client page at / (off by default).");

    public Option<Microsoft.Extensions.Logging.LogLevel> LogLevel { get; } = Valued<Microsoft.Extensions.Logging.LogLevel>("--log-level", "level", "Lowest level logged to stderr: trace, debug, info, warning, error, critical, none (default info).", LogLevels.TryParse);

    public Option<LogFormat> LogFormat { get; } = Valued<LogFormat>("--log-format", "text|json", "Log lines as text, or one JSON object per line (default text).", LogFormats.TryParse);

    public Option<TimeSpan> ShutdownTimeout { get; } = Valued<TimeSpan>("--shutdown-timeout", "seconds", "Longest SIGTERM/SIGINT shutdown before the process exits (default 10).", SettingValues.TryParseTimeoutSeconds);

    public Option<bool> Help { get; } = Flag("--help", "Show this help and exit.", "-h");

    public Option<bool> Version { get; } = Flag("--version", "Show the version and exit.", "-V");

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

    private static Option<T> Valued<T>(string name, string helpName, string description, SettingValues.TryParse<T> tryParse, params string[] aliases) =>
        new(name, aliases)
        {
            HelpName = helpName,
            Description = description,
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result => ParseLastToken(result, tryParse),
        };

    private static Option<bool> Flag(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description, Arity = ArgumentArity.Zero };

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
