using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.RegularExpressions;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.Readme;

/// <summary>
/// The README's shell examples as a new user pastes them. Run blocks are executed by bash in a temporary directory
/// that stands for /tmp, with a <c>dotnet</c> of the test's in front of PATH that starts the gwsocket.dll built with
/// this test (for <c>dotnet run --project src/GwSocket.Server ... --</c> and <c>dotnet gwsocket.dll</c>) on the
/// test's own port and pipes (a --config the block's own options win over); a WebSocket client then checks that the
/// block serves what its producer writes and that what the client sends comes out where the README says. The other
/// blocks cannot run here (Docker, root, certificates, minutes of benchmark): every command they name must exist,
/// every gwsocket option they use must be one --help lists, and the services they name must be docker-compose.yml's.
/// </summary>
public sealed partial class ReadmeShellBlockTests
{
    public static TheoryData<int> RunBlocks => Lines(ReadmeBlockKind.Run);

    public static TheoryData<int> CommandBlocks => Lines(ReadmeBlockKind.Commands);

    public static TheoryData<int> DockerBlocks => Lines(ReadmeBlockKind.Docker);

    [Fact]
    public void Every_shell_block_says_how_it_is_tested_and_the_quick_start_is_run()
    {
        var blocks = ReadmeShellBlocks.All;
        Assert.Contains(blocks, block => block.Section.StartsWith("Quick start", StringComparison.Ordinal) && block.Kind == ReadmeBlockKind.Run);
        Assert.Contains(blocks, block => block.Section == "Data modes" && block.Kind == ReadmeBlockKind.Run);
    }

    [Theory]
    [MemberData(nameof(RunBlocks))]
    public async Task Run_block_serves_its_producer_to_a_client_and_passes_on_what_the_client_sends(int line)
    {
        var block = Block(line);
        using var directory = new TempDirectory();
        var port = FreePort.Pick();
        var script = block.Script.Replace("/tmp/", directory.FullPath + "/", StringComparison.Ordinal);
        await using var shell = ReadmeShell.Start(script, directory.FullPath, port);

        using var client = await shell.ConnectAsync();
        var (type, payload) = await client.ReceiveMessageAsync();
        Assert.Equal(WebSocketMessageType.Text, type);
        Assert.False(string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(payload)), $"{block}: an empty message{shell.Diagnostics()}");

        if (block.Script.Contains("--demo", StringComparison.Ordinal))
        {
            var page = await OpsHttp.GetAsync(port, "/");
            Assert.True(page.Status == 200 && page.Body.Contains("<html", StringComparison.OrdinalIgnoreCase),
                $"{block}: GET / answered {page.Status}{shell.Diagnostics()}");
        }

        var sent = $"readme-test-{Guid.NewGuid():N}\n";
        await client.SendMessageAsync(WebSocketMessageType.Text, Encoding.UTF8.GetBytes(sent));
        switch (block.Output)
        {
            case "nothing":
                break;
            case "stdout":
                await Eventually.TrueAsync(() => shell.StandardOutput.Text.Contains(sent.Trim(), StringComparison.Ordinal),
                    () => $"{block}: '{sent.Trim()}' never reached the block's stdout{shell.Diagnostics()}");
                break;
            default:
                var file = Path.Combine(directory.FullPath, block.Output!);
                await Eventually.TrueAsync(() => File.Exists(file) && File.ReadAllText(file).Contains(sent, StringComparison.Ordinal),
                    () => $"{block}: '{sent.Trim()}' never reached {block.Output}{shell.Diagnostics()}");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(CommandBlocks))]
    public void Command_block_names_commands_that_exist_and_options_gwsocket_knows(int line)
    {
        var block = Block(line);
        var problems = ShellCommands.Of(block.Script).SelectMany(command => ReadmeCommandCheck.Problems(command)).ToList();
        Assert.True(problems.Count == 0, $"{block}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Theory]
    [MemberData(nameof(DockerBlocks))]
    public void Docker_block_names_the_services_of_the_compose_file(int line)
    {
        var block = Block(line);
        var compose = File.ReadAllText(Path.Combine(ServerBinary.RepositoryRoot, "docker-compose.yml"));
        var services = ComposeServiceLine().Matches(compose).Select(match => match.Groups["name"].Value).ToHashSet();
        var named = NamedService().Matches(block.Script).Select(match => match.Groups["name"].Value).ToList();
        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.Contains(name, services));
        var problems = ShellCommands.Of(block.Script).Where(command => command[0] != "docker")
            .SelectMany(command => ReadmeCommandCheck.Problems(command)).ToList();
        Assert.True(problems.Count == 0, $"{block}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    private static ReadmeShellBlock Block(int line) => ReadmeShellBlocks.All.Single(block => block.Line == line);

    private static TheoryData<int> Lines(ReadmeBlockKind kind) => new(ReadmeShellBlocks.All.Where(block => block.Kind == kind).Select(block => block.Line));

    [GeneratedRegex(@"^  (?<name>[a-z0-9-]+):\s*$", RegexOptions.Multiline)]
    private static partial Regex ComposeServiceLine();

    [GeneratedRegex(@"(exec -T|--scale|logs -f|--entrypoint \S+) (?<name>[a-z0-9-]+)")]
    private static partial Regex NamedService();
}
