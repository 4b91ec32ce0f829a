using System.Collections;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Reflection;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.CommandLine;

/// <summary>
/// Arguments to settings: parse gwsocket's options, layer them over HOCON, check them all.
/// Starts nothing; the only I/O is reading the --config file and checking that named files exist.
/// </summary>
internal static class GwSocketCommandLine
{
    // "@file" means a response file to System.CommandLine; to gwsocket it is just a value.
    private static readonly ParserConfiguration ParserConfiguration = new() { ResponseFileTokenReplacer = null };

    /// <summary>The arguments over the process's environment (GWSOCKET_*) and HOCON.</summary>
    public static CommandLineOutcome Parse(IReadOnlyList<string> args) =>
        Parse(args, Environment.GetEnvironmentVariables());

    /// <summary>The arguments over <paramref name="environment"/> (name to value, as <see cref="Environment.GetEnvironmentVariables()"/>) and HOCON.</summary>
    public static CommandLineOutcome Parse(IReadOnlyList<string> args, IDictionary environment)
    {
        var options = new GwSocketOptions();
        var result = options.CreateCommand().Parse(args, ParserConfiguration);
        if (result.GetValue(options.Help))
            return new CommandLineOutcome.PrintInfo(UsageText.Build(options.All));
        if (result.GetValue(options.Version))
            return new CommandLineOutcome.PrintInfo(VersionLine() + Environment.NewLine);
        if (ParseErrors.FirstMessage(result) is { } error)
            return new CommandLineOutcome.UsageError(error);
        try
        {
            var configFile = Given<string, string?>(result, options.Config, null);
            var hocon = HoconSources.Layered(configFile);
            var fromFiles = SettingsReader.Read(hocon, configFile);
            var settings = ApplyCommandLine(ClusterEnvironment.Apply(fromFiles, environment), result, options);
            CheckTlsPair(settings);
            return new CommandLineOutcome.RunServer(settings, hocon);
        }
        catch (SettingException e)
        {
            return new CommandLineOutcome.UsageError(e.Message);
        }
    }

    /// <summary>The gwsocket release whose options, pipe formats and behaviour this version reproduces.</summary>
    public const string CompatibleWith = "0.4";

    /// <summary>What -V prints and the startup line begins with.</summary>
    public static string VersionLine() =>
        $"gwsocket {VersionText()} (GwSocket.Actors on Akka.NET, compatible with gwsocket {CompatibleWith})";

    public static string VersionText()
    {
        var assembly = typeof(GwSocketCommandLine).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        var buildMetadata = version.IndexOf('+');
        return buildMetadata < 0 ? version : version[..buildMetadata];
    }

    private static GwSocketSettings ApplyCommandLine(GwSocketSettings hocon, ParseResult result, GwSocketOptions options)
    {
        var std = result.GetValue(options.Std);
        return hocon with
        {
            Port = Given(result, options.Port, hocon.Port),
            Address = Given(result, options.Address, hocon.Address),
            UnixSocket = Given(result, options.UnixSocket, hocon.UnixSocket),
            Origin = Given(result, options.Origin, hocon.Origin),
            MaxFrameSize = Given(result, options.MaxFrameSize, hocon.MaxFrameSize),
            MaxConnections = Given(result, options.MaxConnections, hocon.MaxConnections),
            HandshakeTimeout = Given(result, options.HandshakeTimeout, hocon.HandshakeTimeout),
            MaxHeaderSize = Given(result, options.MaxHeaderSize, hocon.MaxHeaderSize),
            EchoMode = hocon.EchoMode || result.GetValue(options.EchoMode),
            Compression = Given(result, options.Compression, hocon.Compression ? OnOff.On : OnOff.Off) == OnOff.On,
            AccessLog = Given(result, options.AccessLog, hocon.AccessLog),
            SslCert = Given(result, options.SslCert, hocon.SslCert),
            SslKey = Given(result, options.SslKey, hocon.SslKey),
            KeepaliveInterval = Given(result, options.KeepaliveInterval, hocon.KeepaliveInterval),
            KeepaliveTimeout = Given(result, options.KeepaliveTimeout, hocon.KeepaliveTimeout),
            SlowClientsMaxDelay = Given(result, options.SlowClientsMaxDelay, hocon.SlowClientsMaxDelay),
            PipeIn = Given(result, options.PipeIn, hocon.PipeIn),
            PipeOut = Given(result, options.PipeOut, hocon.PipeOut),
            Stdin = hocon.Stdin || std || result.GetValue(options.Stdin),
            Stdout = hocon.Stdout || std || result.GetValue(options.Stdout),
            Strict = hocon.Strict || result.GetValue(options.Strict),
            ClusterHost = Given(result, options.ClusterHost, hocon.ClusterHost),
            ClusterPort = Given(result, options.ClusterPort, hocon.ClusterPort),
            Seeds = Given<SeedNode[], IReadOnlyList<SeedNode>>(result, options.Seed, hocon.Seeds),
            NodeName = Given(result, options.NodeName, hocon.NodeName),
            ClusterEvents = Given(result, options.Events, hocon.ClusterEvents ? EventScope.Cluster : EventScope.Local) == EventScope.Cluster,
            PipeTokenFile = Given(result, options.PipeTokenFile, hocon.PipeTokenFile),
            MaxPipeConnections = Given(result, options.MaxPipeConnections, hocon.MaxPipeConnections),
            Demo = hocon.Demo || result.GetValue(options.Demo),
            LogLevel = Given(result, options.LogLevel, hocon.LogLevel),
            LogFormat = Given(result, options.LogFormat, hocon.LogFormat),
            ShutdownTimeout = Given(result, options.ShutdownTimeout, hocon.ShutdownTimeout),
        };
    }

    /// <summary>The option's value when it was given, else the value from HOCON.</summary>
    private static TValue Given<T, TValue>(ParseResult result, Option<T> option, TValue otherwise)
        where T : TValue =>
        result.GetResult(option) is null ? otherwise : result.GetValue(option)!;

    private static void CheckTlsPair(GwSocketSettings settings)
    {
        if (settings.SslCert is not null && settings.SslKey is null)
            throw new SettingException("--ssl-cert", "needs --ssl-key as well");
        if (settings.SslKey is not null && settings.SslCert is null)
            throw new SettingException("--ssl-key", "needs --ssl-cert as well");
    }
}
