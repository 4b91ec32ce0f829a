namespace GwSocket.Actors.NetworkPipes;

/// <summary>
/// The network pipe (<c>/gwsocket/pipe</c>): the node's pipe mode (<c>--strict</c>), the largest record payload
/// (<c>--max-frame-size</c>), the largest WebSocket message a producer may send, what a watcher may have waiting
/// (<c>pipeout-max-queued-bytes</c>) and how long to wait for the peer's close frame.
/// </summary>
public sealed record NetworkPipeSettings(bool Strict, int MaxPayload, long MaxMessageSize, long WatcherMaxQueuedBytes, TimeSpan CloseTimeout)
{
    /// <summary>The reserved request path.</summary>
    public const string Path = "/gwsocket/pipe";
}
