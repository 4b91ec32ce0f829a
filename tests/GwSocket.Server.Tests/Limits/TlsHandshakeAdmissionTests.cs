using GwSocket.Server.Limits;
using Microsoft.AspNetCore.Connections;

namespace GwSocket.Server.Tests.Limits;

/// <summary>TLS handshakes beyond the capacity wait for a slot, which a handshake gives back when it is done, fails or stalls.</summary>
public sealed class TlsHandshakeAdmissionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_connection_beyond_the_capacity_starts_its_handshake_once_a_running_one_is_done()
    {
        var admission = new TlsHandshakeAdmission(capacity: 1, longestHold: TimeSpan.FromHours(1));
        var first = new Handshake(admission);
        var second = new Handshake(admission);

        await first.Started.WaitAsync(Patience);
        Assert.False(second.Started.IsCompleted);

        first.FinishTls();

        await second.Started.WaitAsync(Patience);
        second.FinishTls();
        first.Close();
        second.Close();
        await Task.WhenAll(first.Running, second.Running).WaitAsync(Patience);
    }

    [Fact]
    public async Task A_handshake_that_fails_gives_its_slot_back()
    {
        var admission = new TlsHandshakeAdmission(capacity: 1, longestHold: TimeSpan.FromHours(1));
        var failing = new Handshake(admission);
        var next = new Handshake(admission);
        await failing.Started.WaitAsync(Patience);

        // The TLS middleware returns without calling the rest of the pipeline.
        failing.Close();

        await next.Started.WaitAsync(Patience);
        next.Close();
        await Task.WhenAll(failing.Running, next.Running).WaitAsync(Patience);
    }

    [Fact]
    public async Task A_stalled_handshake_gives_its_slot_back_after_the_longest_hold()
    {
        var admission = new TlsHandshakeAdmission(capacity: 1, longestHold: TimeSpan.FromMilliseconds(200));
        var stalled = new Handshake(admission);
        var next = new Handshake(admission);

        await next.Started.WaitAsync(Patience);

        Assert.True(stalled.Started.IsCompleted);
        stalled.Close();
        next.Close();
        await Task.WhenAll(stalled.Running, next.Running).WaitAsync(Patience);
    }

    [Fact]
    public async Task A_connection_closed_while_waiting_never_starts_its_handshake()
    {
        var admission = new TlsHandshakeAdmission(capacity: 1, longestHold: TimeSpan.FromHours(1));
        var running = new Handshake(admission);
        var waiting = new Handshake(admission);
        await running.Started.WaitAsync(Patience);

        waiting.Disconnect();

        await waiting.Running.WaitAsync(Patience);
        Assert.False(waiting.Started.IsCompleted);
        running.Close();
        await running.Running.WaitAsync(Patience);
    }

    /// <summary>
    /// One connection through the admission: "TLS" is a middleware that signals its start and waits until the test lets the
    /// handshake succeed (then the release after TLS runs) or fail (the connection ends there).
    /// </summary>
    private sealed class Handshake
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<bool> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _disconnected = new();

        public Handshake(TlsHandshakeAdmission admission)
        {
            var connection = new DefaultConnectionContext { ConnectionClosed = _disconnected.Token };
            Running = admission.AdmitAsync(connection, TlsAsync);
        }

        public Task Started => _started.Task;

        public Task Running { get; }

        public void FinishTls() => _outcome.TrySetResult(true);

        /// <summary>Fails the handshake if it is running, ends the connection if it is open.</summary>
        public void Close()
        {
            _outcome.TrySetResult(false);
            _closed.TrySetResult();
        }

        public void Disconnect() => _disconnected.Cancel();

        private async Task TlsAsync(ConnectionContext connection)
        {
            _started.TrySetResult();
            if (await _outcome.Task)
                await TlsHandshakeAdmission.HandshakeDoneAsync(connection, _ => _closed.Task);
        }
    }
}
