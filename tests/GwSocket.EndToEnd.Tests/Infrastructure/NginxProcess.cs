using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real nginx (Debian's package, installed by tests/run) in front of gwsocket nodes on loopback, configured with
/// deploy/nginx.conf itself (see <see cref="LoopbackNginxConfig"/>). Everything it writes (pid file, logs,
/// temporary files) stays in the directory it is given. It runs in the foreground (daemon off) with a master and one
/// worker; disposing stops the master and its worker, killing both if they linger.
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    private static readonly string[] SearchPath = ["/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin", "/usr/local/bin"];

    private readonly Process _process;
    private readonly string _directory;

    private NginxProcess(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    /// <summary>The loopback port nginx listens on.</summary>
    public int Port { get; }

    public Uri WebSocketUri => ClientWebSockets.LocalUri(Port);

    public OutputCapture StandardError { get; } = new();

    public string ErrorLog => ReadIfExists(Path.Combine(_directory, "error.log"));

    public string AccessLog => ReadIfExists(Path.Combine(_directory, "access.log"));

    /// <summary>The nginx executable; a missing nginx fails the test, it never skips it.</summary>
    public static string Executable => Locate();

    /// <summary>
    /// Writes <paramref name="directory"/>/nginx.conf from deploy/nginx.conf, starts nginx with it and waits until its
    /// port (<paramref name="port"/>, or a free one) accepts connections.
    /// </summary>
    public static async Task<NginxProcess> StartAsync(string directory, IReadOnlyList<int> upstreamPorts, int? port = null)
    {
        port ??= FreePort.Pick();
        var config = Path.Combine(directory, "nginx.conf");
        var deployConfig = await File.ReadAllTextAsync(LoopbackNginxConfig.RepositoryFile);
        await File.WriteAllTextAsync(config, LoopbackNginxConfig.From(deployConfig, directory, port.Value, upstreamPorts));

        var info = new ProcessStartInfo(Executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // -e: the error log before the configuration is read, so that nginx never touches /var/log/nginx.
        foreach (var argument in (string[])["-e", Path.Combine(directory, "error.log"), "-c", config, "-p", directory + "/"])
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var nginx = new NginxProcess(process, directory, port.Value);
        process.OutputDataReceived += nginx.StandardError.OnLine;
        process.ErrorDataReceived += nginx.StandardError.OnLine;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await nginx.WaitUntilListeningAsync();
        }
        catch
        {
            await nginx.DisposeAsync();
            throw;
        }

        return nginx;
    }

    public string Diagnostics() =>
        $"{Environment.NewLine}--- nginx output ---{Environment.NewLine}{StandardError.Text}" +
        $"--- nginx error.log ---{Environment.NewLine}{ErrorLog}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            // The workers, noted while their master is alive: once it is gone they belong to init.
            var workers = ChildrenOf(_process.Id);
            if (!_process.HasExited)
            {
                // SIGTERM: the master stops its workers and exits ("fast shutdown").
                PosixSignals.Terminate(_process.Id);
                using var cts = new CancellationTokenSource(Timeouts.Exit);
                try
                {
                    await _process.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    // Lingering: kill the master and its workers below.
                }
            }

            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            KillLingering(workers);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static string Locate()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(SearchPath);
        return directories.Select(directory => Path.Combine(directory, "nginx")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "nginx is not installed: the cluster tests need a real nginx in front of the nodes. " +
                "tests/run installs it (Debian package nginx); by hand: apt-get install nginx.");
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + Timeouts.Startup;
        while (true)
        {
            using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port));
                    return;
                }
                catch (SocketException)
                {
                    // Not listening yet.
                }
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {_process.ExitCode} before listening.{Diagnostics()}");
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"nginx did not listen on port {Port} within {Timeouts.Startup.TotalSeconds} s.{Diagnostics()}");
            }

            await Task.Delay(Timeouts.Poll);
        }
    }

    /// <summary>The processes whose parent is <paramref name="parentId"/> (Linux: /proc/PID/status).</summary>
    private static List<int> ChildrenOf(int parentId)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var id))
            {
                continue;
            }

            try
            {
                var parent = File.ReadLines(Path.Combine(dir, "status")).FirstOrDefault(line => line.StartsWith("PPid:", StringComparison.Ordinal));
                if (parent is not null && int.Parse(parent["PPid:".Length..].Trim()) == parentId)
                {
                    children.Add(id);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // Gone meanwhile.
            }
        }

        return children;
    }

    /// <summary>Kills those of <paramref name="workers"/> that are still nginx processes, should their master have died without stopping them.</summary>
    private static void KillLingering(List<int> workers)
    {
        foreach (var id in workers)
        {
            try
            {
                if (File.ReadAllText($"/proc/{id}/comm").Trim() == "nginx")
                {
                    using var worker = Process.GetProcessById(id);
                    worker.Kill();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    private static string ReadIfExists(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : "";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
