using System.Text;
using GwSocket.Bench;

InlineSocketCompletions.EnableForThisProcess();
var root = RepositoryRoot();
BenchOptions options;
try
{
    options = BenchOptions.Parse(args, root);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}
if (!File.Exists(options.ServerDll))
{
    Console.Error.WriteLine($"no server at {options.ServerDll}; build it with: dotnet build GwSocket.Actors.sln -c Release");
    return 2;
}

var started = DateTime.UtcNow;
var machine = MachineDescription.Current();
var runs = new List<BenchPoints>();
Exception? failure = null;
for (var run = 1; run <= options.Repeat && failure is null; run++)
{
    var label = options.Repeat > 1 ? $"run {run}/{options.Repeat}: " : "";
    var points = new BenchPoints(options, line => Console.Error.WriteLine($"[{DateTime.UtcNow - started:mm\\:ss}] {label}{line}"));
    try
    {
        await points.RunAsync();
        runs.Add(points);
    }
    catch (Exception error)
    {
        failure = error;
        Console.Error.WriteLine($"benchmark stopped: {error}");
        // A run cut short has fewer rows than the others: its figures count only when no run completed.
        if (runs.Count == 0)
            runs.Add(points);
    }
}
var deliveries = runs.Select(run => (IReadOnlyList<DeliveryRow>)run.Deliveries.Select(DeliveryRow.From).ToList()).ToList().MedianRows(DeliveryRow.Median);
var connections = runs.Select(run => (IReadOnlyList<ConnectionRow>)run.Connections.Select(ConnectionRow.From).ToList()).ToList().MedianRows(ConnectionRow.Median);
var storms = runs.Select(run => (IReadOnlyList<StormRow>)run.Storms.Select(StormRow.From).ToList()).ToList().MedianRows(StormRow.Median);

var report = new StringBuilder()
    .AppendLine($"# gwsocket benchmark, {started:yyyy-MM-dd HH:mm} UTC{(options.Quick ? " (--quick)" : "")}")
    .AppendLine()
    .AppendLine($"Machine: {machine}. Server: `{options.ServerDll}`; logs in `{options.WorkDirectory}`. " +
        $"Producer: {(options.NetworkProducer ? "the first node's network pipe (`/gwsocket/pipe`, one WebSocket)" : "the first node's pipe-in FIFO")}.")
    .AppendLine()
    .AppendLine(runs.Count > 1 ? $"Each figure is the median of {runs.Count} runs; lost and out of order are the worst run's." : "One run.")
    .AppendLine()
    .Append(ResultTable.Deliveries(deliveries))
    .AppendLine()
    .Append(ResultTable.Connections(connections))
    .AppendLine()
    .Append(ResultTable.Storms(storms));
if (failure is not null)
    report.AppendLine().AppendLine($"Stopped early: {failure.Message}");
Directory.CreateDirectory(Path.GetDirectoryName(options.OutputFile)!);
await File.WriteAllTextAsync(options.OutputFile, report.ToString());
Console.WriteLine(report);
Console.Error.WriteLine($"written to {options.OutputFile}");
return failure is null && deliveries.All(r => r.Lost == 0 && r.OutOfOrder == 0) && storms.All(r => r.Failed == 0) ? 0 : 1;

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "GwSocket.Actors.sln")))
            return directory.FullName;
    }
    return Directory.GetCurrentDirectory();
}
