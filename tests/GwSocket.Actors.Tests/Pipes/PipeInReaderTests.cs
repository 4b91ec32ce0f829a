using GwSocket.Actors.Pipes;

namespace GwSocket.Actors.Tests.Pipes;

public sealed class PipeInReaderTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly FifoDirectory _fifos = new();

    [Fact]
    public async Task A_reader_waiting_for_a_writer_stops_when_cancelled_even_after_another_fifo_replaced_its_own_at_the_path()
    {
        var path = _fifos.CreateFifo("in.fifo");
        using var reader = PipeInReader.ForFifo(path, "--pipein", readSize: 4096);
        var reading = Task.Factory.StartNew(reader.Read, TaskCreationOptions.LongRunning);
        await WaitUntilAsync(() => FifoDirectory.IsHeldInThisProcess(path));

        // What `rm in.fifo; mkfifo in.fifo` does while the server waits for a writer.
        File.Delete(path);
        _fifos.CreateFifo("in.fifo");
        reader.Cancel();

        var chunk = await reading.WaitAsync(Patience);
        Assert.False(chunk.HasValue);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true in time");
            await Task.Delay(10);
        }
    }

    public void Dispose() => _fifos.Dispose();
}
