using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GwSocket.Soak;

// A bounded soak of a real gwsocket process: thousands of clients, churn, broadcasts and unicasts through
// pipe-in, client messages to pipe-out; prints the server's memory after warm-up, during the run and at the end.
var connections = Option("--connections", 2000);
var seconds = Option("--seconds", 120);
var churnPerSecond = Option("--churn", 50);
var warmUp = TimeSpan.FromSeconds(seconds / 4.0);
var total = TimeSpan.FromSeconds(seconds);

var directory = Directory.CreateTempSubdirectory("gwsocket-soak-");
var (pipeIn, pipeOut) = (Path.Combine(directory.FullName, "in"), Path.Combine(directory.FullName, "out"));
Run("mkfifo", pipeIn, pipeOut);
var port = FreePort();
using var server = Process.Start(new ProcessStartInfo("dotnet")
{
    ArgumentList = { ServerDll(), "--strict", $"--port={port}", $"--pipein={pipeIn}", $"--pipeout={pipeOut}" },
    RedirectStandardError = true,
})!;
server.ErrorDataReceived += (_, _) => { };
server.BeginErrorReadLine();
try
{
    using var pipes = new StrictPipes(pipeIn, pipeOut);
    var uri = new Uri($"ws://127.0.0.1:{port}/");
    var clients = new List<SoakClient>();
    for (var connected = 0; connected < connections; connected += 100)
        clients.AddRange(await Task.WhenAll(Enumerable.Range(0, Math.Min(100, connections - connected)).Select(_ => SoakClient.ConnectAsync(uri))));
    Console.WriteLine($"{clients.Count} clients connected to gwsocket pid {server.Id}; {ProcessMemory.Of(server.Id)}");

    var random = new Random(1);
    var clock = Stopwatch.StartNew();
    long broadcasts = 0, unicasts = 0, clientMessages = 0, churned = 0, receivedByDeparted = 0;
    ProcessMemory? afterWarmUp = null;
    var nextChurn = TimeSpan.FromSeconds(1);
    var nextSample = warmUp;
    while (clock.Elapsed < total)
    {
        pipes.Write(0, $"broadcast {broadcasts++}");
        foreach (var id in pipes.LiveIds.Keys.OrderBy(_ => random.Next()).Take(20))
            pipes.Write(id, $"unicast {unicasts++}");
        for (var i = 0; i < 20; i++)
        {
            await clients[random.Next(clients.Count)].SendAsync($"from a client {clientMessages++}");
        }
        if (clock.Elapsed >= nextChurn)
        {
            nextChurn += TimeSpan.FromSeconds(1);
            var leaving = clients.OrderBy(_ => random.Next()).Take(churnPerSecond).ToList();
            foreach (var client in leaving)
            {
                clients.Remove(client);
                receivedByDeparted += client.Received;
                await client.DisposeAsync();
            }
            clients.AddRange(await Task.WhenAll(leaving.Select(_ => SoakClient.ConnectAsync(uri))));
            churned += leaving.Count;
        }
        if (clock.Elapsed >= nextSample)
        {
            nextSample += TimeSpan.FromSeconds(10);
            var sample = ProcessMemory.Of(server.Id);
            afterWarmUp ??= sample;
            Console.WriteLine($"{clock.Elapsed.TotalSeconds,5:F0} s: {sample}; {clients.Count} clients, {churned} churned, {broadcasts} broadcasts, {unicasts} unicasts, {clientMessages} client messages");
        }
        await Task.Delay(100);
    }

    // Load stops; the clients stay, so the end is compared with the same number of connections as after warm-up.
    await Task.Delay(TimeSpan.FromSeconds(5));
    var end = ProcessMemory.Of(server.Id);
    var received = clients.Sum(client => client.Received) + receivedByDeparted;
    Console.WriteLine($"end: {end}; after warm-up: {afterWarmUp}; change {(end.RssKiB - afterWarmUp!.Value.RssKiB) / 1024.0:+0.0;-0.0} MiB " +
        $"({100.0 * (end.RssKiB - afterWarmUp.Value.RssKiB) / afterWarmUp.Value.RssKiB:+0.0;-0.0} %)");
    Console.WriteLine($"totals: {connections} clients held, {churned} churned, {broadcasts} broadcasts, {unicasts} unicasts, " +
        $"{clientMessages} client messages, {received} messages received by clients, {pipes.PipeOutRecords} pipe-out records");
    foreach (var client in clients)
        await client.DisposeAsync();
}
finally
{
    server.Kill(entireProcessTree: true);
    await server.WaitForExitAsync();
    directory.Delete(recursive: true);
}
return 0;

int Option(string name, int fallback) =>
    args.Select(a => a.Split('=', 2)).Where(p => p[0] == name).Select(p => int.Parse(p[1], CultureInfo.InvariantCulture)).DefaultIfEmpty(fallback).Last();

static void Run(string command, params string[] arguments)
{
    using var process = Process.Start(command, arguments);
    process.WaitForExit();
    if (process.ExitCode != 0)
        throw new InvalidOperationException($"{command} exited with {process.ExitCode}");
}

static int FreePort()
{
    var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}

// The server built in the same configuration: bench/GwSocket.Soak/bin/C/tfm maps to src/GwSocket.Server/bin/C/tfm/gwsocket.dll.
static string ServerDll()
{
    var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
    var root = output;
    while (root is not null && !File.Exists(Path.Combine(root.FullName, "GwSocket.Actors.sln")))
        root = root.Parent;
    var dll = Path.Combine(root?.FullName ?? ".", "src", "GwSocket.Server", "bin", output.Parent!.Name, output.Name, "gwsocket.dll");
    return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the solution first: {dll} is missing");
}
