using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;

namespace GwSocket.Actors.Connections;

/// <summary>
/// One send into a socket, awaitable without allocating. Lent by <see cref="SocketSenderPool"/> for the one write,
/// so that an idle connection holds none (<see cref="Socket.SendAsync(ReadOnlyMemory{byte}, SocketFlags, CancellationToken)"/>
/// would keep one per socket for the socket's whole life).
/// </summary>
internal sealed class SocketSender() : SocketAsyncEventArgs(unsafeSuppressExecutionContextFlow: true), IValueTaskSource<int>
{
    private ManualResetValueTaskSourceCore<int> _completion;

    /// <summary>
    /// Starts sending every byte of <paramref name="bytes"/>, which must stay untouched until the send has completed.
    /// True when it is pending: its outcome is then <see cref="Pending"/>, and the sender stays lent until that is taken;
    /// false when it completed at once, with <see cref="Outcome"/> as its outcome.
    /// </summary>
    public bool Start(Socket socket, ReadOnlyMemory<byte> bytes)
    {
        _completion.Reset();
        SetBuffer(MemoryMarshal.AsMemory(bytes));
        return socket.SendAsync(this);
    }

    public ValueTask<int> Pending => new(this, _completion.Version);

    public ValueTask<int> Outcome
    {
        get
        {
            if (SocketError != SocketError.Success)
                return ValueTask.FromException<int>(new SocketException((int)SocketError));
            // On Linux a send on a stream socket completes only once the kernel has taken every byte.
            Debug.Assert(BytesTransferred == Count, "a whole send");
            return new ValueTask<int>(BytesTransferred);
        }
    }

    /// <summary>Lets go of the bytes of the last send, so that a sender waiting in the pool keeps no frame alive.</summary>
    public void Clear() => SetBuffer(Memory<byte>.Empty);

    protected override void OnCompleted(SocketAsyncEventArgs e)
    {
        if (SocketError == SocketError.Success)
            _completion.SetResult(BytesTransferred);
        else
            _completion.SetException(new SocketException((int)SocketError));
    }

    int IValueTaskSource<int>.GetResult(short token) => _completion.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _completion.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);
}
