namespace GwSocket.Bench;

/// <summary>One line saying what the figures came from: CPU model, cores, memory, load when the run started.</summary>
internal static class MachineDescription
{
    public static string Current()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memory = File.ReadLines("/proc/meminfo").First().Split(':', 2)[1].Trim();
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        return $"{model}, {Environment.ProcessorCount} cores, {memory} RAM, load average {load} at start, .NET {Environment.Version}";
    }
}
