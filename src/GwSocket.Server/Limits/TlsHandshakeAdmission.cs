using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GwSocket.Server.Limits;

/// <summary>
/// Connection middleware around Kestrel's TLS: a few TLS handshakes run at once (<see cref="Capacity"/>), the others
/// wait for a slot before theirs starts, so before its timeout starts too. Thousands of handshakes started together
/// (a reconnect storm) otherwise share the cores, all progress slowly and most pass the timeout; admitted a few at a
/// time they complete at the rate the CPU allows. A slot is held until the handshake is done, or at most
/// <see cref="LongestHold"/>: a client that stalls its handshake keeps its own timeout but not a slot.
/// </summary>
internal sealed class TlsHandshakeAdmission
{
    /// <summary>Beyond the time a handshake takes on a busy machine (milliseconds), short enough that stalled clients cannot hold every slot for long.</summary>
    public static readonly TimeSpan LongestHold = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _longestHold;

    public TlsHandshakeAdmission(int capacity) : this(capacity, LongestHold)
    {
    }

    internal TlsHandshakeAdmission(int capacity, TimeSpan longestHold)
    {
        System.Diagnostics.Debug.Assert(capacity > 0, "at least one TLS handshake must be able to run");
        Capacity = capacity;
        _longestHold = longestHold;
        _slots = new SemaphoreSlim(capacity, capacity);
    }

    /// <summary>Enough handshakes to keep every core busy while some wait on the network.</summary>
    public static int DefaultCapacity => 4 * Environment.ProcessorCount;

    public int Capacity { get; }

    /// <summary>Adds the admission before and the release after what <paramref name="useTls"/> adds to <paramref name="listen"/>.</summary>
    public void Around(ListenOptions listen, Action<ListenOptions> useTls)
    {
        listen.Use(next => connection => AdmitAsync(connection, next));
        useTls(listen);
        listen.Use(next => connection => HandshakeDoneAsync(connection, next));
    }

    /// <summary>Before TLS: waits for a slot, then runs the handshake and the rest of the connection.</summary>
    internal async Task AdmitAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        try
        {
            await _slots.WaitAsync(connection.ConnectionClosed);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var slot = new Slot(_slots, _longestHold);
        connection.Features.Set(slot);
        try
        {
            await next(connection);
        }
        finally
        {
            // A handshake that failed never reached the release after TLS.
            slot.Release();
        }
    }

    /// <summary>After TLS: the handshake is done, its slot goes to the next connection waiting.</summary>
    internal static Task HandshakeDoneAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        Slot.Of(connection)?.Release();
        return next(connection);
    }

    /// <summary>A connection's place among the running TLS handshakes, given back once, by whichever comes first.</summary>
    private sealed class Slot
    {
        private SemaphoreSlim? _slots;
        private CancellationTokenSource? _hold;

        public Slot(SemaphoreSlim slots, TimeSpan longestHold)
        {
            _slots = slots;
            _hold = new CancellationTokenSource(longestHold);
            _hold.Token.UnsafeRegister(static slot => ((Slot)slot!).Release(), this);
        }

        public static Slot? Of(ConnectionContext connection) => connection.Features.Get<Slot>();

        public void Release()
        {
            if (Interlocked.Exchange(ref _slots, null) is not { } slots)
                return;
            slots.Release();
            Interlocked.Exchange(ref _hold, null)?.Dispose();
        }
    }
}
