namespace GwSocket.Server.Configuration;

/// <summary>
/// One setting of gwsocket: its key under <c>gwsocket { }</c> in HOCON (null for an option that is no setting, such as
/// --config), its command-line option (null: HOCON only), its environment variable (null: none) and its help text.
/// Its default is in hocon/gwsocket.conf only; the parsers are the typed ones of <see cref="SettingsReader"/> (HOCON)
/// and of the option (<see cref="CommandLine.GwSocketOptions"/>), which take their names and help from here.
/// </summary>
internal sealed record SettingDeclaration(string? Key, string? Option, string? Environment, string Help);

/// <summary>
/// Every setting, declared once: --help, the man page and the environment overlay are made from this table, and tests
/// check it against hocon/gwsocket.conf (every key, both ways), the options and README's options table.
/// </summary>
internal static class SettingDeclarations
{
    public static readonly IReadOnlyList<SettingDeclaration> All =
    [
        new("port", "--port", null, "Port to listen on (default 7890)."),
        new("addr", "--addr", null, "IPv4 or IPv6 address to bind (default: every interface)."),
        new("unix-socket", "--unix-socket", null, "Listen on this unix domain socket instead of TCP."),
        new("origin", "--origin", null, "Accept only clients sending this Origin header."),
        new("max-frame-size", "--max-frame-size", null, "Largest frame or message accepted (default 1048576)."),
        new("max-connections", "--max-connections", null, "WebSocket clients served at once; beyond it 503 (default 0: no cap but the fd limit)."),
        new("handshake-timeout", "--handshake-timeout", null, "Close a connection that has not sent its upgrade request in time (default 10)."),
        new("max-header-size", "--max-header-size", null, "Largest request head accepted; beyond it 431 (default 8192)."),
        new("echo-mode", "--echo-mode", null, "Echo every received message back to its sender."),
        new("compression.enabled", "--compression", null, "permessage-deflate with clients that offer it (default on)."),
        new("compression.min-size", null, null, "Messages with a shorter payload go uncompressed."),
        new("access-log", "--access-log", null, "Append one line per connection to this file."),
        new("ssl-cert", "--ssl-cert", null, "PEM certificate for wss:// (needs --ssl-key)."),
        new("ssl-key", "--ssl-key", null, "PEM private key for --ssl-cert."),
        new(null, "--config", null, "HOCON file read over the built-in defaults."),
        new("keepalive.interval", "--keepalive-interval", null, "Ping clients silent this long; 0 turns it off (default 30)."),
        new("keepalive.timeout", "--keepalive-timeout", null, "Drop clients not answering a ping in time (default 10)."),
        new("close-timeout", null, null, "How long to wait for the client's close frame after sending ours."),
        new("pipein", "--pipein", null, "Named pipe read for messages to clients (default /tmp/wspipein.fifo)."),
        new("pipeout", "--pipeout", null, "Named pipe written with client messages (default /tmp/wspipeout.fifo)."),
        new(null, "--std", null, "Same as --stdin --stdout."),
        new("stdin", "--stdin", null, "Send stdin to the clients instead of reading --pipein."),
        new("stdout", "--stdout", null, "Write client messages to stdout instead of --pipeout."),
        new("strict", "--strict", null, "Frame pipe data with gwsocket's 12-byte header (see the man page)."),
        new("slow-clients.max-queued-bytes", null, null, "Bytes of messages one client may have waiting for its socket."),
        new("slow-clients.max-delay", "--slow-clients-max-delay", null, "A client whose oldest queued message waited longer gets the slow-client policy and holds pipe-in back no longer (default 5)."),
        new("slow-clients.policy", null, null, "What a slow client gets: drop its newer messages, or close it with 1008."),
        new("pipeout-max-queued-bytes", null, null, "What pipe-out keeps while nobody reads it."),
        new("cluster.host", "--cluster-host", "GWSOCKET_CLUSTER_HOST", "Address other nodes use to reach this one."),
        new("cluster.port", "--cluster-port", "GWSOCKET_CLUSTER_PORT", "Port for the other nodes, Akka.Remote (default 0: any)."),
        new("cluster.seeds", "--seed", "GWSOCKET_SEEDS", "A node to join; repeat for several, or host:port,host:port in the environment."),
        new("node-name", "--node-name", "GWSOCKET_NODE_NAME", "This node's name in logs and on the status page (default: host name)."),
        new("events", "--events", "GWSOCKET_EVENTS", "Pipe-out carries every node's client events, or this node's only (default cluster)."),
        new("pipe-token-file", "--pipe-token-file", "GWSOCKET_PIPE_TOKEN_FILE", "Serve the network pipe at /gwsocket/pipe to whoever sends this file's secret as a bearer token."),
        new("max-pipe-connections", "--max-pipe-connections", null, "Network pipe connections served at once; beyond it 503 (default 64)."),
        new("demo", "--demo", null, "Serve a demo client page at / (off by default)."),
        new("log-level", "--log-level", null, "Lowest level logged to stderr: trace, debug, info, warning, error, critical, none (default info)."),
        new("log-format", "--log-format", null, "Log lines as text, or one JSON object per line (default text)."),
        new("shutdown-timeout", "--shutdown-timeout", null, "Longest SIGTERM/SIGINT shutdown before the process exits (default 10)."),
        new(null, "--help", null, "Show this help and exit."),
        new(null, "--version", null, "Show the version and exit."),
    ];

    public static SettingDeclaration OfOption(string option) =>
        All.SingleOrDefault(setting => setting.Option == option) ?? throw new ArgumentException($"{option} is not declared", nameof(option));

    public static SettingDeclaration OfKey(string key) =>
        All.SingleOrDefault(setting => setting.Key == key) ?? throw new ArgumentException($"{key} is not declared", nameof(key));

    /// <summary>The help of an option as --help shows it, with its environment variable.</summary>
    public static string HelpOf(string option) =>
        OfOption(option) is { Environment: { } variable } setting ? $"{setting.Help} Env {variable}." : OfOption(option).Help;
}
