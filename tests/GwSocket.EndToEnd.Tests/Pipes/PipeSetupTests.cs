using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Pipes;

/// <summary>The FIFOs at startup: created when missing; anything else at their path is an error and stays as it was.</summary>
public sealed class PipeSetupTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("--pipein")]
    [InlineData("--pipeout")]
    public async Task Regular_file_at_a_pipe_path_exits_1_with_one_line_and_is_left_untouched(string option)
    {
        var path = _files.File("not-a-fifo");
        await File.WriteAllTextAsync(path, "keep me");
        await using var process = GwSocketProcess.Launch($"--port={FreePort.Pick()}", $"{option}={path}");

        var exitCode = await process.WaitForExitAsync(Timeouts.Exit);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(process.StandardError.Lines);
        Assert.StartsWith($"gwsocket: {option}={path}: ", line);
        Assert.Equal("keep me", await File.ReadAllTextAsync(path));
        Assert.Equal("regular file", Fifos.FileType(path));
    }

    [Fact]
    public async Task Missing_fifos_are_created()
    {
        await using var server = await GwSocketProcess.StartAsync();

        Assert.Equal("fifo", Fifos.FileType(server.PipeIn));
        Assert.Equal("fifo", Fifos.FileType(server.PipeOut));
    }
}
