using System.Diagnostics;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Debian's headless Chromium in a profile of its own, driven over the DevTools protocol.
/// Disposing it kills the whole Chromium process tree.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>The command tests/run installs (Debian package chromium).</summary>
    private const string Command = "chromium";

    private const string DevToolsBanner = "DevTools listening on ";

    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _devToolsEndpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DevToolsConnection? _devTools;
    private bool _started;

    private HeadlessChromium(Process process) => _process = process;

    public OutputCapture StandardError { get; } = new();

    /// <summary>Starts Chromium with its profile in userDataDirectory and connects to its DevTools endpoint.</summary>
    /// <param name="extraFlags">More Chromium switches, such as the certificate to trust.</param>
    public static async Task<HeadlessChromium> StartAsync(string userDataDirectory, params string[] extraFlags)
    {
        var browser = new HeadlessChromium(Launch(userDataDirectory, extraFlags));
        try
        {
            browser._process.ErrorDataReceived += browser.OnStandardErrorLine;
            browser._process.Exited += browser.OnExited;
            browser._process.Start();
            browser._started = true;
            browser._process.BeginErrorReadLine();
            browser._process.BeginOutputReadLine();

            using var deadline = new CancellationTokenSource(Timeouts.BrowserStartup);
            var endpoint = await browser._devToolsEndpoint.Task.WaitAsync(deadline.Token);
            browser._devTools = await DevToolsConnection.ConnectAsync(endpoint, deadline.Token);
            return browser;
        }
        catch (OperationCanceledException e)
        {
            await browser.DisposeAsync();
            throw new TimeoutException(
                $"Chromium did not open its DevTools endpoint within {Timeouts.BrowserStartup.TotalSeconds} s.{browser.Diagnostics()}", e);
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    public Task<BrowserPage> OpenPageAsync(CancellationToken ct) =>
        BrowserPage.OpenAsync(_devTools ?? throw new InvalidOperationException("Chromium is not started."), ct);

    /// <summary>The end of what Chromium wrote to stderr, for failure messages.</summary>
    public string Diagnostics()
    {
        // Without a D-Bus in a container, Chromium logs dozens of harmless dbus errors; they would hide the rest.
        var tail = string.Join(Environment.NewLine, StandardError.Lines.Where(l => !l.Contains(":ERROR:dbus/")).TakeLast(40));
        return $"{Environment.NewLine}--- chromium stderr (last lines) ---{Environment.NewLine}{tail}";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_devTools is not null)
            {
                await _devTools.DisposeAsync();
            }

            if (_started)
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }

                using var deadline = new CancellationTokenSource(Timeouts.Exit);
                await _process.WaitForExitAsync(deadline.Token);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static Process Launch(string userDataDirectory, string[] extraFlags)
    {
        var info = new ProcessStartInfo(LocateCommand())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] flags =
        [
            "--headless",
            "--no-sandbox", // tests may run as root, where Chromium's sandbox refuses to start
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-crash-reporter",
            $"--user-data-dir={userDataDirectory}",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0", // Chromium picks a free port and prints it in its DevTools banner
            .. extraFlags,
            "about:blank",
        ];
        foreach (var flag in flags)
        {
            info.ArgumentList.Add(flag);
        }

        return new Process { StartInfo = info, EnableRaisingEvents = true };
    }

    /// <summary>Finds chromium on PATH; a missing browser fails the test, it never skips it.</summary>
    private static string LocateCommand()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                   .Select(directory => Path.Combine(directory, Command))
                   .FirstOrDefault(File.Exists)
               ?? throw new FileNotFoundException(
                   $"'{Command}' is not on PATH ({path}). The browser tests need Debian's headless Chromium: " +
                   "tests/run installs it (apt-get install chromium).");
    }

    private void OnStandardErrorLine(object sender, DataReceivedEventArgs e)
    {
        StandardError.OnLine(sender, e);
        var banner = e.Data?.IndexOf(DevToolsBanner, StringComparison.Ordinal) ?? -1;
        if (banner >= 0)
        {
            _devToolsEndpoint.TrySetResult(new Uri(e.Data![(banner + DevToolsBanner.Length)..].Trim()));
        }
    }

    private void OnExited(object? sender, EventArgs e) =>
        _devToolsEndpoint.TrySetException(new InvalidOperationException(
            $"Chromium exited with code {_process.ExitCode} before opening its DevTools endpoint.{Diagnostics()}"));
}
