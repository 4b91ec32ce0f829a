using GwSocket.Server.CommandLine;
using GwSocket.Server.Hosting;
using GwSocket.Server.PipeClient;

if (args is [PipeCommand.Name, .. var pipeArgs])
    return await PipeCommand.RunAsync(pipeArgs);

return GwSocketCommandLine.Parse(args) switch
{
    CommandLineOutcome.PrintInfo info => Print(Console.Out, info.Text, exitCode: 0),
    CommandLineOutcome.UsageError error => Print(Console.Error, error.Line + Environment.NewLine, exitCode: 2),
    CommandLineOutcome.RunServer run => await RunServerAsync(run),
    _ => throw new InvalidOperationException("unknown command-line outcome"),
};

static async Task<int> RunServerAsync(CommandLineOutcome.RunServer run)
{
    InlineIoScheduling.EnableSocketCompletionsFor(run.Settings);
    return await GwSocketServer.RunAsync(run.Settings, run.Hocon);
}

static int Print(TextWriter writer, string text, int exitCode)
{
    writer.Write(text);
    return exitCode;
}
