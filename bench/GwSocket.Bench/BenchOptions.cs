namespace GwSocket.Bench;

/// <summary>
/// The command line: <c>[--quick] [--only=NAME,...] [--out=FILE] [--server=gwsocket.dll] [--port=P] [--cluster-port=P] [--repeat=N]
/// [--producer=fifo|network] [--seconds=S]</c>.
/// </summary>
internal sealed record BenchOptions(
    bool NetworkProducer,
    bool Quick,
    IReadOnlySet<string> Only,
    string OutputFile,
    string ServerDll,
    string WorkDirectory,
    int BasePort,
    int BaseClusterPort,
    int Repeat,
    double? PhaseSeconds)
{
    public const string Usage =
        "usage: GwSocket.Bench [--quick] [--only=single-100,single-1000,idle,idle-deflate,cluster,deflate,storm,storm-tls] [--out=FILE] [--server=PATH/gwsocket.dll] [--port=P] [--cluster-port=P] [--repeat=N] [--producer=fifo|network] [--seconds=S]";

    /// <summary>The network pipe's secret, with --producer=network; every node reads it from <see cref="PipeTokenFile"/>.</summary>
    public string PipeToken { get; } = Guid.NewGuid().ToString("N");

    public string PipeTokenFile => Path.Combine(WorkDirectory, "pipe-token");

    /// <summary>Seconds a max-rate phase writes for; the fixed-rate phases that follow it take as long.</summary>
    public TimeSpan PhaseDuration => TimeSpan.FromSeconds(PhaseSeconds ?? (Quick ? 1 : 3));

    public int IdleConnections => Quick ? 2_000 : 10_000;

    public int StormClients => Quick ? 2_000 : 10_000;

    public bool Runs(string group) => Only.Count == 0 || Only.Contains(group);

    public static BenchOptions Parse(string[] args, string repositoryRoot)
    {
        var quick = false;
        var only = new HashSet<string>();
        var output = Path.Combine(repositoryRoot, "bench", "results", $"bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
        var server = Path.Combine(repositoryRoot, "src", "GwSocket.Server", "bin", "Release", "net10.0", "gwsocket.dll");
        var port = 7601;
        int? clusterPort = null;
        var repeat = 1;
        var network = false;
        double? seconds = null;
        foreach (var arg in args)
        {
            var (name, value) = arg.Split('=', 2) is [var n, var v] ? (n, v) : (arg, "");
            switch (name)
            {
                case "--quick":
                    quick = true;
                    break;
                case "--only":
                    only.UnionWith(value.Split(',', StringSplitOptions.RemoveEmptyEntries));
                    break;
                case "--out":
                    output = Path.GetFullPath(value);
                    break;
                case "--server":
                    server = Path.GetFullPath(value);
                    break;
                case "--port":
                    port = int.Parse(value);
                    break;
                case "--cluster-port":
                    clusterPort = int.Parse(value);
                    break;
                case "--repeat" when int.TryParse(value, out var times) && times > 0:
                    repeat = times;
                    break;
                case "--producer" when value is "fifo" or "network":
                    network = value == "network";
                    break;
                case "--seconds" when double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var phase) && phase > 0:
                    seconds = phase;
                    break;
                case "--seconds":
                    throw new ArgumentException($"--seconds={value}: expected a positive number of seconds per phase\n{Usage}");
                case "--producer":
                    throw new ArgumentException($"--producer={value}: expected fifo or network\n{Usage}");
                case "--repeat":
                    throw new ArgumentException($"--repeat={value}: expected a positive number of runs\n{Usage}");
                default:
                    throw new ArgumentException($"unknown argument {arg}\n{Usage}");
            }
        }
        var work = Directory.CreateTempSubdirectory("gwsocket-bench-").FullName;
        var options = new BenchOptions(network, quick, only, output, server, work, port, clusterPort ?? port + 1000, repeat, seconds);
        File.WriteAllText(options.PipeTokenFile, options.PipeToken + "\n");
        return options;
    }
}
