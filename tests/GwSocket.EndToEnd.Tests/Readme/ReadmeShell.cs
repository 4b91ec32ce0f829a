using System.Diagnostics;
using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Readme;

/// <summary>
/// A README block run by bash in its own directory, with a <c>dotnet</c> in front of PATH that starts the built
/// gwsocket.dll on this test's port and pipes (and <c>gwsocket pipe</c> with the README's port 7890 in its URL turned
/// into this test's). Disposing it kills bash and everything it started.
/// </summary>
public sealed class ReadmeShell : IAsyncDisposable
{
    private readonly Process _process;

    private ReadmeShell(Process process) => _process = process;

    public OutputCapture StandardOutput { get; } = new();

    public OutputCapture StandardError { get; } = new();

    public int Port { get; private init; }

    public static ReadmeShell Start(string script, string directory, int port)
    {
        var bin = Directory.CreateDirectory(Path.Combine(directory, "readme-test-bin")).FullName;
        var config = Path.Combine(directory, "readme-test.conf");
        File.WriteAllText(config, $$"""
            gwsocket {
              port = {{port}}
              pipein = "{{directory}}/wspipein.fifo"
              pipeout = "{{directory}}/wspipeout.fifo"
            }
            """);
        var dotnet = Path.Combine(bin, "dotnet");
        File.WriteAllText(dotnet, $$"""
            #!/bin/sh
            # The README's two ways to start the server, on the built gwsocket.dll with this test's port and pipes.
            case "$1" in
              run)
                case " $* " in *" --project src/GwSocket.Server "*) ;; *) echo "readme test: not the server: dotnet $*" >&2; exit 127 ;; esac
                while [ $# -gt 0 ] && [ "$1" != -- ]; do shift; done
                [ $# -gt 0 ] && shift ;;
              gwsocket.dll) shift ;;
              *) echo "readme test: unexpected dotnet $*" >&2; exit 127 ;;
            esac
            if [ "$1" = pipe ]; then
              count=$#
              while [ $count -gt 0 ]; do
                argument=$1; shift; count=$((count - 1))
                case "$argument" in ws://*:7890/*|wss://*:7890/*) argument=$(printf '%s' "$argument" | sed 's|:7890/|:{{port}}/|') ;; esac
                set -- "$@" "$argument"
              done
              exec '{{ServerBinary.DotnetHost}}' '{{ServerBinary.DllPath}}' "$@"
            fi
            exec '{{ServerBinary.DotnetHost}}' '{{ServerBinary.DllPath}}' --config='{{config}}' "$@"
            """ + "\n");
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("the README's examples are shell scripts for Linux");
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var info = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.Environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        var shell = new ReadmeShell(new Process { StartInfo = info }) { Port = port };
        shell._process.OutputDataReceived += shell.StandardOutput.OnLine;
        shell._process.ErrorDataReceived += shell.StandardError.OnLine;
        shell._process.Start();
        shell._process.BeginOutputReadLine();
        shell._process.BeginErrorReadLine();
        return shell;
    }

    /// <summary>Connects a client once the server the block started accepts one.</summary>
    public async Task<ClientWebSocket> ConnectAsync()
    {
        var deadline = DateTime.UtcNow + Timeouts.Startup;
        while (true)
        {
            try
            {
                return await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(Port));
            }
            catch (WebSocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(Timeouts.Poll);
            }
            catch (WebSocketException e)
            {
                throw new TimeoutException($"no server on port {Port}{Diagnostics()}", e);
            }
        }
    }

    public string Diagnostics() =>
        $"{Environment.NewLine}--- bash stderr ---{Environment.NewLine}{StandardError.Text}--- bash stdout ---{Environment.NewLine}{StandardOutput.Text}";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(Timeouts.Exit);
            await _process.WaitForExitAsync(cts.Token);
        }
        _process.Dispose();
    }
}
