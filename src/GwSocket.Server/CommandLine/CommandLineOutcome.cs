using Akka.Configuration;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.CommandLine;

/// <summary>What the command line asks for; nothing has been started when it is decided.</summary>
internal abstract record CommandLineOutcome
{
    private CommandLineOutcome()
    {
    }

    /// <summary>Start the server with these settings; <paramref name="Hocon"/> also configures Akka.</summary>
    public sealed record RunServer(GwSocketSettings Settings, Config Hocon) : CommandLineOutcome;

    /// <summary>Print <paramref name="Text"/> to stdout and exit 0 (--help, --version).</summary>
    public sealed record PrintInfo(string Text) : CommandLineOutcome;

    /// <summary>Print one line to stderr and exit 2; <paramref name="Message"/> names the option and why.</summary>
    public sealed record UsageError(string Message) : CommandLineOutcome
    {
        public string Line => $"gwsocket: {Message}";
    }
}
