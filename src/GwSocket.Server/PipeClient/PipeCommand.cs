using System.Runtime.InteropServices;

namespace GwSocket.Server.PipeClient;

/// <summary><c>gwsocket pipe ...</c>: the network pipe's client, in the same executable as the server.</summary>
internal static class PipeCommand
{
    public const string Name = PipeClientOptions.Name;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = new PipeClientOptions();
        var (settings, error, help) = options.Parse(args);
        if (help)
        {
            Console.Out.Write(options.Usage());
            return 0;
        }
        if (settings is null)
        {
            Console.Error.WriteLine($"gwsocket pipe: {error}");
            return 2;
        }
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        await using var stdin = Console.OpenStandardInput();
        await using var stdout = Console.OpenStandardOutput();
        return await new PipeClientRunner(settings, stdin, stdout, Console.Error).RunAsync(stop.Token);

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
