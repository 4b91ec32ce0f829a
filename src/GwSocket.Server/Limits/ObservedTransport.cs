using System.IO.Pipelines;

namespace GwSocket.Server.Limits;

/// <summary>A connection's transport with its reads and writes shown to the handshake trace.</summary>
internal sealed class ObservedTransport(IDuplexPipe inner, HandshakeTrace trace) : IDuplexPipe
{
    private readonly IDuplexPipe _inner = inner;

    public PipeReader Input { get; } = new ObservedPipeReader(inner.Input, trace);

    public PipeWriter Output { get; } = new ObservedPipeWriter(inner.Output, trace);

    /// <summary>The transport under the observer, for whoever takes the connection over once its handshake is done.</summary>
    public static IDuplexPipe Unwrap(IDuplexPipe transport) => transport is ObservedTransport observed ? observed._inner : transport;
}
