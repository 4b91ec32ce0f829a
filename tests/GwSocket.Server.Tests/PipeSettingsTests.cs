using GwSocket.Server.CommandLine;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.Tests;

/// <summary>From gwsocket's options to the pipe actors' settings.</summary>
public sealed class PipeSettingsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static GwSocketSettings Run(params string[] args) =>
        Assert.IsType<CommandLineOutcome.RunServer>(GwSocketCommandLine.Parse(args)).Settings;

    [Fact]
    public void Defaults_are_gwsocket_fifos_in_standard_mode_with_a_16_MiB_pipe_out_bound()
    {
        var settings = Run();

        var pipeIn = settings.ToPipeInSettings();
        var pipeOut = settings.ToPipeOutSettings();

        Assert.Equal(("/tmp/wspipein.fifo", false, 1048576), (pipeIn.FifoPath, pipeIn.Strict, pipeIn.MaxPayload));
        Assert.Equal(("/tmp/wspipeout.fifo", false, 16L * 1024 * 1024), (pipeOut.FifoPath, pipeOut.Strict, pipeOut.MaxQueuedBytes));
    }

    [Fact]
    public void Std_strict_and_max_frame_size_reach_both_pipes()
    {
        var settings = Run("--std", "--strict", "--max-frame-size=4096");

        Assert.True(settings.ToPipeInSettings() is { ReadsStandardInput: true, Strict: true, MaxPayload: 4096 });
        Assert.True(settings.ToPipeOutSettings() is { FifoPath: null, Strict: true });
    }

    [Fact]
    public void Pipe_out_bound_comes_from_hocon()
    {
        var file = _files.Write("gw.conf", "gwsocket.pipeout-max-queued-bytes = 1KiB");

        Assert.Equal(1024, Run($"--config={file}").ToPipeOutSettings().MaxQueuedBytes);
    }

    [Fact]
    public void Pipe_out_bound_must_be_positive()
    {
        var file = _files.Write("gw.conf", "gwsocket.pipeout-max-queued-bytes = 0");

        var error = Assert.IsType<CommandLineOutcome.UsageError>(GwSocketCommandLine.Parse([$"--config={file}"])).Message;

        Assert.Contains("gwsocket.pipeout-max-queued-bytes", error);
    }
}
