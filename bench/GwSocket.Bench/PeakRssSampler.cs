namespace GwSocket.Bench;

/// <summary>Reads the servers' resident memory every 20 ms on a thread of its own and keeps the highest figure, until stopped.</summary>
internal sealed class PeakRssSampler : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private readonly Func<long> _read;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _peak;

    public PeakRssSampler(Func<long> read)
    {
        _read = read;
        _peak = read();
        _thread = new Thread(Sample) { IsBackground = true, Name = "peak RSS" };
        _thread.Start();
    }

    /// <summary>Stops sampling; the highest resident size seen, in bytes, the last reading included.</summary>
    public long Stop()
    {
        _stop.Cancel();
        _thread.Join();
        return Math.Max(Interlocked.Read(ref _peak), _read());
    }

    public void Dispose()
    {
        if (!_stop.IsCancellationRequested)
            Stop();
        _stop.Dispose();
    }

    private void Sample()
    {
        while (!_stop.Token.WaitHandle.WaitOne(Interval))
            Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), _read()));
    }
}
