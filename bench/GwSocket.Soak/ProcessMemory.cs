using System.Globalization;

namespace GwSocket.Soak;

/// <summary>A process's memory as Linux reports it in /proc/PID/status, in KiB.</summary>
public readonly record struct ProcessMemory(long RssKiB, long RssAnonKiB)
{
    public static ProcessMemory Of(int processId)
    {
        var fields = File.ReadLines($"/proc/{processId}/status")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim());
        return new ProcessMemory(KiB(fields, "VmRSS"), KiB(fields, "RssAnon"));
    }

    public override string ToString() => $"RSS {RssKiB / 1024.0:F1} MiB (anonymous {RssAnonKiB / 1024.0:F1} MiB)";

    private static long KiB(Dictionary<string, string> fields, string name) =>
        long.Parse(fields[name].Split(' ')[0], CultureInfo.InvariantCulture);
}
