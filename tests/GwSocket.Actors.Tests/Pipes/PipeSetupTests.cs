using GwSocket.Actors.Pipes;
using GwSocket.Actors.Routing;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Pipes;

/// <summary>FIFOs are created when missing; anything else at the path is a startup error and is left alone.</summary>
public sealed class PipeSetupTests(ITestOutputHelper output) : PipeTestKit(output)
{
    [Fact]
    public void Missing_pipe_in_is_created_as_a_FIFO_with_mode_0666_less_the_umask()
    {
        var path = Fifos.PathOf("created.fifo");

        PipeIngest.Create(Sys, PipeInSettings.Fifo(path, strict: true, 1024), Router.Ref);

        var umask = Convert.ToInt32(Run("sh", "-c", "umask"), 8);
        Assert.Equal($"fifo {Convert.ToString(0x1B6 & ~umask, 8)}", Run("stat", "-c", "%F %a", path));
    }

    [Fact]
    public void Existing_regular_file_at_pipe_in_is_a_startup_error_and_stays_untouched()
    {
        var path = Fifos.PathOf("data.txt");
        File.WriteAllText(path, "precious");
        var written = File.GetLastWriteTimeUtc(path);

        var error = Assert.Throws<PipeSetupException>(() => PipeIngest.Create(Sys, PipeInSettings.Fifo(path, strict: false, 1024), Router.Ref));

        Assert.Equal($"--pipein={path}: exists and is not a named pipe (FIFO); it was left untouched", error.Message);
        Assert.Equal("precious", File.ReadAllText(path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Existing_directory_at_pipe_out_is_a_startup_error_and_stays_untouched()
    {
        var path = Fifos.PathOf("a-directory");
        Directory.CreateDirectory(path);

        var error = Assert.Throws<PipeSetupException>(() => PipeOut.Create(Sys, PipeOutSettings.Fifo(path, strict: true), Router.Ref));

        Assert.Equal("--pipeout", error.Option);
        Assert.Contains(path, error.Message);
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public async Task Stopping_while_waiting_for_a_writer_releases_the_pipe()
    {
        var fifo = Fifos.CreateFifo("in.fifo");
        var ingest = PipeIngest.Create(Sys, PipeInSettings.Fifo(fifo, strict: true, 1024), Router.Ref);
        await Router.ExpectMsgAsync<RouterStreamProtocol.Started>(Patience);
        Watch(ingest);

        Sys.Stop(ingest);

        await ExpectTerminatedAsync(ingest, Patience);
        // Nobody holds the pipe for reading any more: a writer that does not wait finds no reader.
        await AwaitConditionAsync(() => Task.FromResult(NoReader(fifo)), Patience);
    }

    [Fact]
    public async Task Stopping_while_a_writer_is_connected_but_silent_releases_the_pipe()
    {
        var fifo = Fifos.CreateFifo("in.fifo");
        var ingest = PipeIngest.Create(Sys, PipeInSettings.Fifo(fifo, strict: false, 1024), Router.Ref);
        await using var writer = await FifoEnds.OpenWriterAsync(fifo, Patience);
        Watch(ingest);

        Sys.Stop(ingest);

        await ExpectTerminatedAsync(ingest, Patience);
        await AwaitConditionAsync(() => Task.FromResult(NoReader(fifo)), Patience);
    }

    [Fact]
    public async Task Stream_that_fails_is_restarted_with_a_backoff_and_leaves_no_reader_behind()
    {
        var fifo = Fifos.CreateFifo("in.fifo");
        var doomedRouter = CreateTestProbe();
        var ingest = PipeIngest.Create(Sys, PipeInSettings.Fifo(fifo, strict: true, 1024), doomedRouter.Ref);
        await doomedRouter.ExpectMsgAsync<RouterStreamProtocol.Started>(Patience);
        Watch(ingest);

        Sys.Stop(doomedRouter.Ref);

        await AwaitConditionAsync(async () => (await AskAsync<PipeIngestCounters>(ingest, GetPipeIngestCounters.Instance)).StreamRestarts >= 2, Patience);
        Sys.Stop(ingest);
        await ExpectTerminatedAsync(ingest, Patience);
        await AwaitConditionAsync(() => Task.FromResult(NoReader(fifo)), Patience);
    }

    private static bool NoReader(string fifo)
    {
        var fd = LibC.open(fifo, LibC.OWrOnly | LibC.ONonBlock);
        if (fd < 0)
            return LibC.LastError == LibC.ENxIo;
        LibC.close(fd);
        return false;
    }

    private static string Run(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }
}
