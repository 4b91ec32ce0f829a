using System.Diagnostics;

namespace GwSocket.Bench;

/// <summary>CPU time and resident memory of a process, read from /proc as the kernel accounts them.</summary>
internal static class ProcessStats
{
    // USER_HZ is 100 on every Linux the benchmark targets; /proc/PID/stat counts in those ticks.
    private const double SecondsPerTick = 0.01;

    /// <summary>User plus system CPU seconds of <paramref name="pid"/> (all its threads).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name may hold spaces; fields are counted from after its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var userTicks = long.Parse(fields[11]);
        var systemTicks = long.Parse(fields[12]);
        return (userTicks + systemTicks) * SecondsPerTick;
    }

    /// <summary>Resident set size of <paramref name="pid"/> in bytes.</summary>
    public static long RssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
        }
        return 0;
    }

    /// <summary>Times a thread of <paramref name="pid"/> went to sleep (waiting for work or I/O), summed over its threads.</summary>
    public static long VoluntaryContextSwitches(int pid)
    {
        long total = 0;
        foreach (var thread in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                total += Field(Path.Combine(thread, "status"), "voluntary_ctxt_switches:");
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }
        return total;
    }

    public static double OwnCpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static long Field(string file, string name)
    {
        foreach (var line in File.ReadLines(file))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
                return long.Parse(line[name.Length..].Trim());
        }
        return 0;
    }
}
