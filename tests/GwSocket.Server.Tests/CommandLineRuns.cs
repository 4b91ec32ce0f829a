using System.Collections;
using GwSocket.Server.CommandLine;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.Tests;

/// <summary>The real command line, with an environment of the test's choosing instead of the process's.</summary>
internal static class CommandLineRuns
{
    public static IDictionary NoEnvironment => new Dictionary<string, string>();

    public static GwSocketSettings Settings(params string[] args) => Settings(NoEnvironment, args);

    public static GwSocketSettings Settings(IDictionary environment, params string[] args)
    {
        var outcome = GwSocketCommandLine.Parse(args, environment);
        return Assert.IsType<CommandLineOutcome.RunServer>(outcome).Settings;
    }

    public static string Error(params string[] args) => Error(NoEnvironment, args);

    /// <summary>The usage error's message, checked to be the one line gwsocket prints.</summary>
    public static string Error(IDictionary environment, params string[] args)
    {
        var outcome = GwSocketCommandLine.Parse(args, environment);
        var error = Assert.IsType<CommandLineOutcome.UsageError>(outcome);
        Assert.DoesNotContain('\n', error.Line);
        Assert.DoesNotContain('\r', error.Line);
        Assert.StartsWith("gwsocket: ", error.Line);
        return error.Message;
    }

    public static IDictionary EnvironmentOf(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(variable => variable.Name, variable => variable.Value);
}
