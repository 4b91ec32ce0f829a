using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace GwSocket.Actors.Connections;

/// <summary>
/// Where a connection's bytes go, one write at a time: a write is started, and once it has completed its result is
/// taken exactly once. The bytes of a write must stay untouched until then. The first write is the 101 that answered
/// the upgrade (<see cref="StartResponse"/>), sent once the router knows the connection.
/// </summary>
internal abstract class ConnectionOutput
{
    /// <summary>Into the transport's pipe, which copies the bytes: the only way through TLS, and what tests use.</summary>
    public static ConnectionOutput Into(PipeWriter pipe, byte[]? response = null) => new PipeOutput(pipe, response);

    /// <summary>
    /// Straight into <paramref name="socket"/>, from the frame's own array: no copy into the transport's pipe. Only for
    /// a socket that carries the WebSocket's bytes as they are (no TLS) and that nothing else writes to after the upgrade.
    /// </summary>
    public static ConnectionOutput Into(Socket socket, byte[]? response) => new SocketOutput(socket, response);

    public abstract bool IsCompleted { get; }

    /// <summary>Starts sending the 101, if it has not gone yet; false when there is nothing to send.</summary>
    public abstract bool StartResponse();

    public abstract void Start(ReadOnlyMemory<byte> bytes);

    /// <summary>Runs <paramref name="continuation"/> once the write started last has completed.</summary>
    public abstract void OnCompleted(Action continuation);

    /// <summary>The completed write's outcome: false when the transport was closed under it. Throws when the write failed.</summary>
    public abstract bool TakeResult();

    /// <summary>
    /// The 101 is <c>response</c>, or what the transport holds unflushed: behind Kestrel's HTTP stack, Kestrel sends it
    /// at the transport's first flush.
    /// </summary>
    private sealed class PipeOutput(PipeWriter pipe, byte[]? response) : ConnectionOutput
    {
        private ValueTask<FlushResult> _pending;
        private byte[]? _response = response;

        public override bool IsCompleted => _pending.IsCompleted;

        public override bool StartResponse()
        {
            if (_response is { } bytes)
            {
                _response = null;
                Start(bytes);
                return true;
            }
            if (pipe.CanGetUnflushedBytes && pipe.UnflushedBytes == 0)
                return false;
            _pending = pipe.FlushAsync();
            return true;
        }

        public override void Start(ReadOnlyMemory<byte> bytes)
        {
            pipe.Write(bytes.Span);
            _pending = pipe.FlushAsync();
        }

        public override void OnCompleted(Action continuation) => _pending.GetAwaiter().UnsafeOnCompleted(continuation);

        public override bool TakeResult()
        {
            var pending = _pending;
            _pending = default;
            return !pending.GetAwaiter().GetResult().IsCompleted;
        }
    }

    /// <summary>
    /// A send completes once the kernel has taken every byte: until then the connection's queue grows, as behind a pipe.
    /// Each send borrows a sender from the node's pool and gives it back when its result is taken.
    /// </summary>
    private sealed class SocketOutput(Socket socket, byte[]? response) : ConnectionOutput
    {
        private ValueTask<int> _pending;
        private SocketSender? _sender;
        private byte[]? _response = response;

        public override bool IsCompleted => _pending.IsCompleted;

        public override bool StartResponse()
        {
            if (_response is not { } bytes)
                return false;
            _response = null;
            Start(bytes);
            return true;
        }

        public override void Start(ReadOnlyMemory<byte> bytes)
        {
            System.Diagnostics.Debug.Assert(_sender is null, "one write at a time");
            var sender = SocketSenderPool.Rent();
            if (sender.Start(socket, bytes))
            {
                _sender = sender;
                _pending = sender.Pending;
                return;
            }
            _pending = sender.Outcome;
            SocketSenderPool.Return(sender);
        }

        public override void OnCompleted(Action continuation) => _pending.GetAwaiter().UnsafeOnCompleted(continuation);

        public override bool TakeResult()
        {
            var pending = _pending;
            _pending = default;
            try
            {
                pending.GetAwaiter().GetResult();
            }
            finally
            {
                if (_sender is { } sender)
                {
                    _sender = null;
                    SocketSenderPool.Return(sender);
                }
            }
            return true;
        }
    }
}
