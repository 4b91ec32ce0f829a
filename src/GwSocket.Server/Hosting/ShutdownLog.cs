using System.Diagnostics;
using System.Runtime.InteropServices;
using GwSocket.Server.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GwSocket.Server.Hosting;

/// <summary>
/// Says when a SIGINT or SIGTERM arrives (the host's own handler still stops the server) and, once everything has
/// stopped, how long the shutdown took from the signal.
/// </summary>
internal sealed class ShutdownLog(GwSocketSettings settings, ILogger<ShutdownLog> logger) : IHostedLifecycleService, IDisposable
{
    private readonly List<PosixSignalRegistration> _signals = [];
    private long _stoppingSince;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => OnSignal("SIGINT")));
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => OnSignal("SIGTERM")));
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        Interlocked.CompareExchange(ref _stoppingSince, Stopwatch.GetTimestamp(), 0);
        return Task.CompletedTask;
    }

    /// <summary>Called once the host has stopped: Kestrel, the actor system, pipe-out.</summary>
    public void LogDone()
    {
        var since = Interlocked.Read(ref _stoppingSince);
        if (since != 0)
            logger.LogInformation("shutdown done in {Seconds:0.0} s", Stopwatch.GetElapsedTime(since).TotalSeconds);
    }

    public void Dispose()
    {
        foreach (var signal in _signals)
            signal.Dispose();
    }

    private void OnSignal(string name)
    {
        Interlocked.CompareExchange(ref _stoppingSince, Stopwatch.GetTimestamp(), 0);
        logger.LogInformation("{Signal} received: closing every client with 1001 and leaving the cluster, within {Limit} s",
            name, settings.ShutdownTimeout.TotalSeconds);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
