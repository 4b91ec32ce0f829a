using Akka.Event;
using GwSocket.Protocol;

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

    /// <summary>The host's watch this connection's unanswered ping is in; null when no ping waits for its answer.</summary>
    private PongWatch? _awaitingPong;

    /// <summary>Every keepalive interval, from the connection's host (<see cref="ConnectionHost"/>).</summary>
    private void OnKeepaliveTick(PongWatch pongs)
    {
        var now = Environment.TickCount64;
        // While the server does not read the client (back-pressure), its silence is the server's own.
        if (_readPaused)
            _lastReceivedAt = now;
        if (_settings.KeepaliveInterval <= TimeSpan.Zero || _closeSent)
            return;
        if (_awaitingPong is not null)
        {
            // The host's watch missed it (the host restarted): the tick times it out instead.
            if (now - _pingSentAt >= _settings.KeepaliveTimeout.TotalMilliseconds)
                OnPongTimeout();
            return;
        }
        if (now - _lastReceivedAt < _settings.KeepaliveInterval.TotalMilliseconds)
            return;
        _pingSentAt = now;
        WriteAtOnce(KeepalivePing);
        _awaitingPong = pongs;
        pongs.Add(_self, now + (long)_settings.KeepaliveTimeout.TotalMilliseconds);
    }

    /// <summary>Bytes from the client: whatever they are, they answer the ping.</summary>
    private void OnSignOfLife()
    {
        _lastReceivedAt = Environment.TickCount64;
        if (_awaitingPong is null)
            return;
        _awaitingPong.Remove(_self);
        _awaitingPong = null;
    }

    /// <summary>From the host's watch, or the tick; a late one (the client answered, or pinged again since) changes nothing.</summary>
    private void OnPongTimeout()
    {
        if (_awaitingPong is null || _readPaused || Environment.TickCount64 - _pingSentAt < _settings.KeepaliveTimeout.TotalMilliseconds)
            return;
        Log.Info("client {0} ({1}) did not answer a ping within {2}; dropping it", _clientId, _client.RemoteIp, _settings.KeepaliveTimeout);
        Finish();
    }
}
