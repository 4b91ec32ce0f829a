using Akka.Actor;

namespace GwSocket.Actors.Pipes;

/// <summary>
/// Closed while pipe-out has a reader that is behind: connections then stop reading their sockets (the clients are
/// slowed by TCP) instead of having their messages dropped, and are told <see cref="ResumeReading"/> once it opens.
/// One per actor system; open unless its pipe-out closes it. Safe from any thread.
/// </summary>
internal sealed class ClientMessageGate : IExtension
{
    private readonly Lock _lock = new();
    private List<IActorRef> _waiting = [];
    private volatile bool _closed;

    public static ClientMessageGate Get(ActorSystem system) => system.WithExtension<ClientMessageGate, ClientMessageGateProvider>();

    public bool IsClosed => _closed;

    /// <summary>True when open; when closed, <paramref name="reader"/> is told <see cref="ResumeReading"/> once it opens.</summary>
    public bool TryPass(IActorRef reader)
    {
        if (!_closed)
            return true;
        lock (_lock)
        {
            if (!_closed)
                return true;
            _waiting.Add(reader);
            return false;
        }
    }

    public void Close() => _closed = true;

    public void Open()
    {
        if (!_closed)
            return;
        List<IActorRef> waiting;
        lock (_lock)
        {
            _closed = false;
            waiting = _waiting;
            _waiting = [];
        }
        foreach (var reader in waiting)
            reader.Tell(ResumeReading.Instance);
    }
}

internal sealed class ClientMessageGateProvider : ExtensionIdProvider<ClientMessageGate>
{
    public override ClientMessageGate CreateExtension(ExtendedActorSystem system) => new();
}

/// <summary>The <see cref="ClientMessageGate"/> has opened: read the socket again.</summary>
internal sealed class ResumeReading
{
    public static readonly ResumeReading Instance = new();

    private ResumeReading()
    {
    }
}
