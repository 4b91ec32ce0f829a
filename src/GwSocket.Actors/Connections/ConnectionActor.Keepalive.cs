using Akka.Event;
using GwSocket.Protocol;
using static GwSocket.Actors.Connections.ConnectionSignals;

namespace GwSocket.Actors.Connections;

/// <summary>
/// Keepalive: a client silent for a whole interval is pinged; one that sends nothing back
/// within the timeout is dropped. Any received byte counts as a sign of life.
/// </summary>
internal sealed partial class ConnectionActor
{
    private static readonly byte[] KeepalivePing = FrameEncoder.Encode(Opcode.Ping, "gwsocket"u8);

    private long _lastReceivedAt = Environment.TickCount64;
    private long _pingSentAt;

    /// <summary>Every keepalive interval, from the connection's host (<see cref="ConnectionHost"/>).</summary>
    private void OnKeepaliveTick()
    {
        var now = Environment.TickCount64;
        // While the server does not read the client (back-pressure), its silence is the server's own.
        if (_readPaused)
            _lastReceivedAt = now;
        var awaitingPong = _pingSentAt > _lastReceivedAt;
        if (_settings.KeepaliveInterval <= TimeSpan.Zero || _closeSent || awaitingPong || now - _lastReceivedAt < _settings.KeepaliveInterval.TotalMilliseconds)
            return;
        _pingSentAt = now;
        Enqueue(KeepalivePing);
        Timers.StartSingleTimer(nameof(PongTimeout), PongTimeout.Instance, _settings.KeepaliveTimeout);
    }

    private void OnPongTimeout()
    {
        if (_lastReceivedAt >= _pingSentAt)
            return;
        Log.Info("client {0} ({1}) did not answer a ping within {2}; dropping it", _clientId, _client.RemoteIp, _settings.KeepaliveTimeout);
        Finish();
    }
}
