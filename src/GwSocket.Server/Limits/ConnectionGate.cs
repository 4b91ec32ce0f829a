using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace GwSocket.Server.Limits;

/// <summary>
/// Counts every open connection, from accept to close, upgraded or not, and closes a new one at once when the
/// count would pass the capacity: the process never runs out of file descriptors, so the clients it already
/// serves keep being served (gwsocket 0.4 exits at EMFILE and drops them all).
/// </summary>
internal sealed class ConnectionGate
{
    /// <summary>Descriptors kept free beyond those open at the first connection: cluster peers, pipes being reopened, log files.</summary>
    private const int Headroom = 64;

    private readonly Lazy<int> _capacity;
    private readonly ILogger _logger;
    private int _open;
    private long _refused;
    private int _refusing;

    /// <param name="capacity">Connections allowed at once; null derives it from the file-descriptor limit at the first connection.</param>
    public ConnectionGate(int? capacity, ILogger logger)
    {
        // Derived lazily: by the first connection the actor system and the pipes hold their descriptors.
        _capacity = new Lazy<int>(() => capacity ?? FromFileDescriptorLimit());
        _logger = logger;
    }

    public int Capacity => _capacity.Value;

    public int Open => Volatile.Read(ref _open);

    public long Refused => Interlocked.Read(ref _refused);

    public async Task RunAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        if (Interlocked.Increment(ref _open) > Capacity)
        {
            Interlocked.Decrement(ref _open);
            Refuse(connection);
            return;
        }
        try
        {
            if (Interlocked.Exchange(ref _refusing, 0) == 1)
                _logger.LogWarning("accepting connections again ({Open} open, capacity {Capacity})", Open, Capacity);
            await next(connection);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    private void Refuse(ConnectionContext connection)
    {
        Interlocked.Increment(ref _refused);
        if (Interlocked.Exchange(ref _refusing, 1) == 0)
        {
            _logger.LogWarning(
                "connection limit reached ({Capacity} open, near the process's file-descriptor limit): new connections are closed at once; clients already connected are served",
                Capacity);
        }
        connection.Abort(new ConnectionAbortedException("connection limit reached"));
    }

    private static int FromFileDescriptorLimit()
    {
        if (FileDescriptors.SoftLimit() is not { } limit || FileDescriptors.OpenCount() is not { } open)
            return int.MaxValue;
        return (int)Math.Clamp(limit - open - Headroom, 1, int.MaxValue);
    }
}
