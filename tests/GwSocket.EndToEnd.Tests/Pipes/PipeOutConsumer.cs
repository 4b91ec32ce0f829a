using System.Text;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Pipes;

/// <summary>
/// A program reading pipe-out, as any consumer opens a FIFO: a blocking open (it returns once gwsocket opens its end),
/// then reads until gwsocket closes it. Everything read is kept for the test to inspect.
/// </summary>
public sealed class PipeOutConsumer : IDisposable
{
    private readonly string _path;
    private readonly MemoryStream _received = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _opened;

    private PipeOutConsumer(string path)
    {
        _path = path;
        // A thread of its own: open() and read() on a FIFO block, and nothing can cancel them.
        new Thread(Run) { IsBackground = true, Name = "pipe-out consumer" }.Start();
    }

    public static PipeOutConsumer Start(string fifoPath) => new(fifoPath);

    public byte[] Bytes
    {
        get
        {
            lock (_gate)
            {
                return _received.ToArray();
            }
        }
    }

    public string Text => Encoding.UTF8.GetString(Bytes);

    public (List<StrictRecord> Records, int Leftover) Parsed => StrictRecord.Parse(Bytes);

    public List<StrictRecord> Records => Parsed.Records;

    /// <summary>Completes when gwsocket has closed its end (the read returned end of file).</summary>
    public Task Ended => _ended.Task;

    public Task WaitForRecordsAsync(Func<List<StrictRecord>, bool> condition, string what) =>
        Eventually.TrueAsync(() => condition(Records), () => $"pipe-out never showed {what}; it held {Describe()}");

    public Task WaitForTextAsync(string text) =>
        Eventually.TrueAsync(() => Text.Contains(text, StringComparison.Ordinal), () => $"pipe-out never showed '{text}'; it held '{Text}' ({State})");

    /// <summary>For failure messages: whether the consumer's open returned and whether its reading ended.</summary>
    public string State => $"consumer {(_opened ? "opened" : "still in open()")}, {(_ended.Task.IsCompleted ? $"ended ({_ended.Task.Status})" : "reading")}";

    /// <summary>Waits for the next open record after the first <paramref name="opensSeen"/> and returns its client id.</summary>
    public async Task<uint> NextOpenAsync(int opensSeen)
    {
        await WaitForRecordsAsync(records => Opens(records).Count > opensSeen, $"open record #{opensSeen + 1}");
        return Opens(Records)[opensSeen].ClientId;
    }

    /// <summary>For failure messages: every record when there are few, else the count of each type and the last ten.</summary>
    public string Describe()
    {
        var (records, leftover) = Parsed;
        var shown = records.Count <= 20
            ? string.Join(", ", records)
            : string.Join(", ", records.GroupBy(r => r.Type).Select(g => $"{g.Count()} of type 0x{g.Key:X2}")) + "; the last ten: " + string.Join(", ", records.TakeLast(10));
        return shown + $" and {leftover} bytes after the last whole record";
    }

    public void Dispose()
    {
        // When gwsocket never opened its end, the consumer's thread still waits in open().
        if (!_opened)
        {
            Fifos.ReleaseBlockedReader(_path);
        }
    }

    private static List<StrictRecord> Opens(List<StrictRecord> records) => records.Where(r => r.Type == StrictRecord.Open).ToList();

    private void Run()
    {
        try
        {
            using var fifo = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            _opened = true;
            var buffer = new byte[64 * 1024];
            int count;
            while ((count = fifo.Read(buffer)) > 0)
            {
                lock (_gate)
                {
                    _received.Write(buffer, 0, count);
                }
            }

            _ended.TrySetResult();
        }
        catch (Exception e)
        {
            _ended.TrySetException(e);
        }
    }
}
