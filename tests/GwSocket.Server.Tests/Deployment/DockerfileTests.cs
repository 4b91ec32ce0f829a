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
}
