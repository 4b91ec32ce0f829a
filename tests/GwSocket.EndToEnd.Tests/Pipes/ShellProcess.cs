using System.Diagnostics;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Pipes;

/// <summary>A producer in a process of its own, as users write them: <c>sh -c SCRIPT sh ARGS...</c>. Disposing kills it.</summary>
public sealed class ShellProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ShellProcess(Process process) => _process = process;

    public OutputCapture StandardOutput { get; } = new();

    public OutputCapture StandardError { get; } = new();

    /// <summary>Starts <paramref name="script"/>; inside it, $1, $2... are <paramref name="arguments"/>.</summary>
    public static ShellProcess Start(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo("sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["-c", script, "sh", .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        var shell = new ShellProcess(new Process { StartInfo = info });
        shell._process.OutputDataReceived += shell.StandardOutput.OnLine;
        shell._process.ErrorDataReceived += shell.StandardError.OnLine;
        shell._process.Start();
        shell._process.BeginOutputReadLine();
        shell._process.BeginErrorReadLine();
        return shell;
    }

    /// <summary>Runs <paramref name="script"/> to its end and checks that it succeeded.</summary>
    public static async Task RunAsync(string script, params string[] arguments)
    {
        await using var shell = Start(script, arguments);
        var exitCode = await shell.WaitForExitAsync();
        Assert.True(exitCode == 0, $"sh -c '{script}' exited with {exitCode}: {shell.StandardError.Text}");
    }

    public async Task<int> WaitForExitAsync()
    {
        using var cts = new CancellationTokenSource(Timeouts.Exit);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process gets no chance to finish what it was writing.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
