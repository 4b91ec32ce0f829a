namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>Reads a file another process is still writing.</summary>
public static class LogFile
{
    /// <summary>Waits until the file holds a line that matches, and returns it.</summary>
    public static async Task<string> WaitForLineAsync(string path, Func<string, bool> match)
    {
        using var deadline = new CancellationTokenSource(Timeouts.Receive);
        while (true)
        {
            var line = ReadLines(path).FirstOrDefault(match);
            if (line is not null)
            {
                return line;
            }

            try
            {
                await Task.Delay(Timeouts.Poll, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var content = File.Exists(path) ? string.Join(Environment.NewLine, ReadLines(path)) : "(no file)";
                throw new TimeoutException(
                    $"No matching line in {path} within {Timeouts.Receive.TotalSeconds} s. It holds:{Environment.NewLine}{content}");
            }
        }
    }

    /// <summary>How many lines of the file match, now.</summary>
    public static int CountLines(string path, Func<string, bool> match) => ReadLines(path).Count(match);

    private static IEnumerable<string> ReadLines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
