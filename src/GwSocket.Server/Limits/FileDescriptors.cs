using System.Globalization;

namespace GwSocket.Server.Limits;

/// <summary>The process's file descriptors as Linux reports them in /proc; elsewhere nothing is known.</summary>
internal static class FileDescriptors
{
    private const string LimitsFile = "/proc/self/limits";
    private const string OpenDirectory = "/proc/self/fd";
    private const string OpenFilesRow = "Max open files";

    /// <summary>The soft RLIMIT_NOFILE, or null when it is unlimited or cannot be read.</summary>
    public static long? SoftLimit()
    {
        try
        {
            var row = File.ReadLines(LimitsFile).FirstOrDefault(line => line.StartsWith(OpenFilesRow, StringComparison.Ordinal));
            var fields = row?[OpenFilesRow.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: > 0 } && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft)
                ? soft
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>How many descriptors the process holds now, or null when it cannot be read.</summary>
    public static int? OpenCount()
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(OpenDirectory).Count();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
