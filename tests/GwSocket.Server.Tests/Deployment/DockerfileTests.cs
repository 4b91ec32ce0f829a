using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using GwSocket.Server.CommandLine;

namespace GwSocket.Server.Tests.Deployment;

/// <summary>The Dockerfile docker-compose.yml builds every node from.</summary>
public sealed class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(RepositoryRoot.File("Dockerfile"));

    private static string Instruction(string name) =>
        Assert.Single(Lines, line => line.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..].Trim();

    [Fact]
    public void The_entrypoint_runs_gwsocket_dll_in_exec_form()
    {
        var entrypoint = JsonSerializer.Deserialize<string[]>(Instruction("ENTRYPOINT"));

        Assert.NotNull(entrypoint);
        Assert.Equal(["dotnet", "gwsocket.dll"], entrypoint);
    }

    [Fact]
    public void Gwsocket_dll_is_the_server_assembly() =>
        Assert.Equal("gwsocket.dll", typeof(GwSocketCommandLine).Assembly.GetName().Name + ".dll");

    [Fact]
    public void The_published_project_is_the_server()
    {
        var publish = Assert.Single(Lines, line => line.Contains("dotnet publish", StringComparison.Ordinal));
        var project = Regex.Match(publish, @"dotnet publish\s+(\S+)").Groups[1].Value;

        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, project, "GwSocket.Server.csproj")), $"'{project}' is not src/GwSocket.Server");
    }

    [Fact]
    public void The_published_output_is_the_final_working_directory()
    {
        var output = Regex.Match(Assert.Single(Lines, line => line.Contains("dotnet publish", StringComparison.Ordinal)), @"-o\s+(\S+)").Groups[1].Value;
        var finalWorkdir = Lines.Last(line => line.StartsWith("WORKDIR ", StringComparison.Ordinal))["WORKDIR ".Length..].Trim();

        Assert.Contains(Lines, line => line.StartsWith("COPY --from=build ", StringComparison.Ordinal)
            && line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, _, var source, var target]
            && source == output && (target == "." || target == finalWorkdir));
    }

    [Fact]
    public void It_exposes_the_websocket_and_cluster_ports_the_services_use()
    {
        var exposed = Instruction("EXPOSE").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToHashSet();

        foreach (var service in ComposeFile.Repository.GwSocketServices)
        {
            var settings = ComposeServiceSettings.Of(service);
            Assert.Contains(settings.Port, exposed);
            Assert.Contains(settings.ClusterPort, exposed);
        }
    }

    [Fact]
    public async Task The_healthcheck_passes_once_readyz_answers_200_and_fails_without_a_server()
    {
        var command = HealthcheckCommand();
        await using var server = await RunningServer.StartAsync();
        var onServer = command.Select(word => word.Replace("/127.0.0.1/7890", $"/127.0.0.1/{server.Port}", StringComparison.Ordinal)).ToArray();
        Assert.NotEqual(command, onServer);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        int status;
        while ((status = await RunAsync(onServer)) != 0 && DateTime.UtcNow < deadline)
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.Equal(0, status);

        await server.StopAsync();
        Assert.NotEqual(0, await RunAsync(onServer));
    }

    [Fact]
    public void The_image_installs_the_man_page() =>
        Assert.Contains(Lines, line => line == "COPY doc/gwsocket.1 /usr/share/man/man1/gwsocket.1");

    /// <summary>HEALTHCHECK's CMD in exec form, its continuation lines joined.</summary>
    private static string[] HealthcheckCommand()
    {
        var text = string.Join(" ", Lines).Replace("\\ ", " ", StringComparison.Ordinal);
        var json = Regex.Match(text, @"HEALTHCHECK [^\[]*CMD (\[.*?\])\s*(ENTRYPOINT|$)").Groups[1].Value;
        return JsonSerializer.Deserialize<string[]>(json) ?? throw new InvalidOperationException("no HEALTHCHECK CMD");
    }

    private static async Task<int> RunAsync(string[] command)
    {
        var info = new ProcessStartInfo(command[0]) { UseShellExecute = false };
        foreach (var argument in command.Skip(1))
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }
}
