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
var points = new BenchPoints(options, line => Console.Error.WriteLine($"[{DateTime.UtcNow - started:mm\\:ss}] {line}"));
Exception? failure = null;
try
{
    await points.RunAsync();
}
catch (Exception error)
{
    failure = error;
    Console.Error.WriteLine($"benchmark stopped: {error}");
}

var report = new StringBuilder()
    .AppendLine($"# gwsocket benchmark, {started:yyyy-MM-dd HH:mm} UTC{(options.Quick ? " (--quick)" : "")}")
    .AppendLine()
    .AppendLine($"Machine: {machine}. Server: `{options.ServerDll}`; logs in `{options.WorkDirectory}`.")
    .AppendLine()
    .Append(ResultTable.Deliveries(points.Deliveries))
    .AppendLine()
    .Append(ResultTable.Connections(points.Connections));
if (failure is not null)
    report.AppendLine().AppendLine($"Stopped early: {failure.Message}");
Directory.CreateDirectory(Path.GetDirectoryName(options.OutputFile)!);
await File.WriteAllTextAsync(options.OutputFile, report.ToString());
Console.WriteLine(report);
Console.Error.WriteLine($"written to {options.OutputFile}");
return failure is null && points.Deliveries.All(r => r.Lost == 0 && r.OutOfOrder == 0) ? 0 : 1;

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "GwSocket.Actors.sln")))
            return directory.FullName;
    }
    return Directory.GetCurrentDirectory();
}
