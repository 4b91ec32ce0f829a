using GwSocket.Server.CommandLine;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.Tests.Deployment;

/// <summary>What a compose service's container runs: its command list through the real command line, its environment applied.</summary>
internal static class ComposeServiceSettings
{
    public static CommandLineOutcome Outcome(ComposeService service) =>
        GwSocketCommandLine.Parse(service.Command ?? [], service.Environment.ToDictionary(entry => entry.Key, entry => ComposeSecrets.StandIn(entry.Value)));

    public static GwSocketSettings Of(ComposeService service) => Outcome(service) switch
    {
        CommandLineOutcome.RunServer run => run.Settings,
        CommandLineOutcome.UsageError error => throw new Xunit.Sdk.XunitException($"service {service.Name}: {error.Line}"),
        var other => throw new Xunit.Sdk.XunitException($"service {service.Name}: the command does not run the server but gives {other}"),
    };
}
