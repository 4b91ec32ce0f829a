namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>A process's resident memory, as Linux reports it in /proc/PID/status.</summary>
public static class ProcessMemory
{
    public static long ResidentBytes(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{processId}/status has no VmRSS line");
    }

    /// <summary>Reports the process's resident bytes every 20 ms on a thread of its own until disposed.</summary>
    public sealed class Sampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;

        public Sampler(int processId, Action<long> report)
        {
            _thread = new Thread(() =>
            {
                while (!_stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(20)))
                {
                    report(ResidentBytes(processId));
                }
            }) { IsBackground = true, Name = "memory sampler" };
            _thread.Start();
        }

        public void Dispose()
        {
            _stop.Cancel();
            _thread.Join();
            _stop.Dispose();
        }
    }
}
