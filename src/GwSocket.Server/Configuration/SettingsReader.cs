using Akka.Configuration;
using GwSocket.Actors.Connections;

namespace GwSocket.Server.Configuration;

/// <summary>Turns the <c>gwsocket { }</c> section of HOCON into <see cref="GwSocketSettings"/>, checking every value.</summary>
internal sealed class SettingsReader
{
    private const string Root = "gwsocket";

    private readonly Config _config;
    private readonly string? _configFile;

    /// <param name="configFile">The --config file, named in errors since the embedded defaults are known to be valid.</param>
    private SettingsReader(Config config, string? configFile)
    {
        _config = config;
        _configFile = configFile;
    }

    public static GwSocketSettings Read(Config config, string? configFile = null) =>
        new SettingsReader(config, configFile).Read();

    private GwSocketSettings Read() => new()
    {
        Port = Parse<int>("port", SettingValues.TryParsePort),
        Address = Parse<System.Net.IPAddress?>("addr", SettingValues.TryParseAddress),
        UnixSocket = Optional("unix-socket"),
        Origin = Optional("origin"),
        MaxFrameSize = PositiveByteSize("max-frame-size"),
        EchoMode = Flag("echo-mode"),
        Compression = Flag("compression.enabled"),
        CompressionMinSize = CompressionMinSize("compression.min-size"),
        AccessLog = Optional("access-log"),
        SslCert = OptionalExistingFile("ssl-cert"),
        SslKey = OptionalExistingFile("ssl-key"),
        KeepaliveInterval = Duration("keepalive.interval", allowZero: true),
        KeepaliveTimeout = Duration("keepalive.timeout", allowZero: false),
        CloseTimeout = Duration("close-timeout", allowZero: false),
        PipeIn = Parse<string>("pipein", SettingValues.TryParseNonEmpty),
        PipeOut = Parse<string>("pipeout", SettingValues.TryParseNonEmpty),
        Stdin = Flag("stdin"),
        Stdout = Flag("stdout"),
        Strict = Flag("strict"),
        PipeOutMaxQueuedBytes = PositiveByteSize("pipeout-max-queued-bytes"),
        ClientMaxQueuedBytes = PositiveByteSize("slow-clients.max-queued-bytes"),
        SlowClientPolicy = Parse<SlowClientPolicy>("slow-clients.policy", TryParsePolicy),
        SlowClientsMaxDelay = Duration("slow-clients.max-delay", allowZero: false),
        MaxConnections = Parse<int>("max-connections", SettingValues.TryParseMaxConnections),
        HandshakeTimeout = Duration("handshake-timeout", allowZero: false),
        MaxHeaderSize = HeaderSize("max-header-size"),
        ClusterHost = OptionalParsed("cluster.host", ClusterValues.TryParseHost),
        ClusterPort = Parse<int>("cluster.port", ClusterValues.TryParseClusterPort),
        Seeds = Parse<IReadOnlyList<SeedNode>>("cluster.seeds", ClusterValues.TryParseSeedList),
        NodeName = Optional("node-name") ?? Environment.MachineName,
        ClusterEvents = Parse<bool>("events", ClusterValues.TryParseEvents),
        PipeTokenFile = OptionalExistingFile("pipe-token-file"),
        MaxPipeConnections = Parse<int>("max-pipe-connections", SettingValues.TryParseMaxPipeConnections),
        Demo = Flag("demo"),
        ShutdownTimeout = Duration("shutdown-timeout", allowZero: false),
        LogLevel = Parse<Microsoft.Extensions.Logging.LogLevel>("log-level", LogLevels.TryParse),
        LogFormat = Parse<LogFormat>("log-format", LogFormats.TryParse),
    };

    private T Parse<T>(string key, SettingValues.TryParse<T> tryParse)
    {
        var text = Get(key, path => _config.GetString(path)) ?? "";
        return tryParse(text, out var value, out var error) ? value : throw Invalid(key, error);
    }

    private string? Optional(string key)
    {
        var text = Get(key, path => _config.GetString(path));
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static bool TryParsePolicy(string text, out SlowClientPolicy policy, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        var known = text is "drop" or "close";
        policy = text == "close" ? SlowClientPolicy.Close : SlowClientPolicy.Drop;
        error = known ? null : $"'{text}' is neither drop nor close";
        return known;
    }

    private string? OptionalParsed(string key, SettingValues.TryParse<string> tryParse)
    {
        var text = Optional(key);
        if (text is null)
            return null;
        return tryParse(text, out var value, out var error) ? value : throw Invalid(key, error);
    }

    private string? OptionalExistingFile(string key)
    {
        var path = Optional(key);
        if (path is null || SettingValues.TryParseExistingFile(path, out _, out var error))
            return path;
        throw Invalid(key, error);
    }

    private long PositiveByteSize(string key)
    {
        var bytes = Get(key, path => _config.GetByteSize(path)) ?? 0;
        return SettingValues.CheckFrameSize(bytes, bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), out var error)
            ? bytes
            : throw Invalid(key, error);
    }

    private int HeaderSize(string key)
    {
        var bytes = Get(key, path => _config.GetByteSize(path)) ?? 0;
        return SettingValues.CheckHeaderSize(bytes, bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), out var error)
            ? (int)bytes
            : throw Invalid(key, error);
    }

    private int CompressionMinSize(string key)
    {
        var bytes = Get(key, path => _config.GetByteSize(path)) ?? -1;
        return bytes is >= 0 and <= int.MaxValue ? (int)bytes : throw Invalid(key, "must be a size in bytes, 0 or more");
    }

    private TimeSpan Duration(string key, bool allowZero)
    {
        var duration = Get(key, path => _config.GetTimeSpan(path, allowInfinite: false));
        return SettingValues.CheckDuration(duration, allowZero, out var error) ? duration : throw Invalid(key, error);
    }

    private bool Flag(string key) => Get(key, path => _config.GetBoolean(path));

    /// <summary>Reads one value; Akka's own conversion errors become a <see cref="SettingException"/> naming the key.</summary>
    private T Get<T>(string key, Func<string, T> read)
    {
        try
        {
            return read($"{Root}.{key}");
        }
        catch (Exception e) when (e is not SettingException)
        {
            throw Invalid(key, $"cannot read the value: {e.Message}");
        }
    }

    private SettingException Invalid(string key, string reason) =>
        new(_configFile is null ? $"{Root}.{key}" : $"--config: {_configFile}: {Root}.{key}", reason);
}
