using System.CommandLine;
using System.CommandLine.Parsing;
using GwSocket.Protocol.Http;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.PipeClient;

/// <summary>What <c>gwsocket pipe</c> was asked to do.</summary>
internal sealed record PipeClientSettings(Uri Url, string Token, bool Events, bool Strict, string? CaCert, bool Insecure);

/// <summary>
/// <c>gwsocket pipe [--events] [--strict] URL --token-file=PATH [--ca-cert=PEM | --insecure]</c>: the options of the
/// network pipe's client, parsed apart from the server's.
/// </summary>
internal sealed class PipeClientOptions
{
    public const string Name = "pipe";

    public Argument<string> Url { get; } = new("URL") { Description = "ws:// or wss:// address of a node's (or the load balancer's) /gwsocket/pipe." };

    public Option<string> TokenFile { get; } = new("--token-file") { HelpName = "path", Description = "File whose first line is the node's --pipe-token-file secret.", Required = true };

    public Option<bool> Events { get; } = new("--events") { Description = "Write the node's pipe-out stream (its opens, messages, closes) to stdout." };

    public Option<bool> Strict { get; } = new("--strict") { Description = "Stdin is strict records: each message sent holds whole records only (match the nodes' --strict)." };

    public Option<string> CaCert { get; } = new("--ca-cert") { HelpName = "cert.pem", Description = "Trust this PEM certificate (a self-signed server's, or its CA) for wss://." };

    public Option<bool> Insecure { get; } = new("--insecure") { Description = "wss:// without checking the server's certificate (tests only)." };

    public Option<bool> Help { get; } = new("--help", "-h") { Description = "Show this help and exit." };

    /// <summary>Every option, in the order the usage lists them.</summary>
    public IReadOnlyList<Option> All => [TokenFile, Events, Strict, CaCert, Insecure, Help];

    public Command CreateCommand()
    {
        var command = new Command(Name, "Join stdin (and with --events, stdout) to a node's network pipe; reconnects when the node goes away.");
        command.Arguments.Add(Url);
        foreach (var option in All)
            command.Options.Add(option);
        return command;
    }

    public string Usage() =>
        "usage: gwsocket pipe [--events] [--strict] URL --token-file=PATH [--ca-cert=PEM | --insecure]" + Environment.NewLine
        + string.Concat(All.Select(option => $"  {option.Name,-14} {option.Description}{Environment.NewLine}"));

    /// <summary>The settings, or the one-line error to print.</summary>
    public (PipeClientSettings? Settings, string? Error, bool Help) Parse(IReadOnlyList<string> args)
    {
        // The command's own name first: a first token that is not an option would otherwise be taken for it.
        var result = CreateCommand().Parse([Name, .. args], new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (result.GetValue(Help))
            return (null, null, true);
        if (result.Errors.Count > 0)
            return (null, result.Errors[0].Message, false);
        if (!Uri.TryCreate(result.GetValue(Url), UriKind.Absolute, out var url) || url.Scheme is not ("ws" or "wss"))
            return (null, $"'{result.GetValue(Url)}' is not a ws:// or wss:// URL", false);
        var tokenFile = result.GetValue(TokenFile)!;
        if (!SettingValues.TryParseExistingFile(tokenFile, out _, out var fileError))
            return (null, $"--token-file: {fileError}", false);
        if (BearerToken.SecretFrom(File.ReadAllText(tokenFile)) is not { } token)
            return (null, $"--token-file: '{tokenFile}' holds no token (its first line is empty)", false);
        var caCert = result.GetValue(CaCert);
        if (caCert is not null && !File.Exists(caCert))
            return (null, $"--ca-cert: '{caCert}': no such file", false);
        if (caCert is not null && PipeClientConnection.TrustedCertificates(caCert).Count == 0)
            return (null, $"--ca-cert: '{caCert}' holds no PEM certificate", false);
        return (new PipeClientSettings(url, token, result.GetValue(Events), result.GetValue(Strict), caCert, result.GetValue(Insecure)), null, false);
    }
}
