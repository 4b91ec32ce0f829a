namespace GwSocket.Protocol;

/// <summary>The parts of an HTTP request that decide a WebSocket opening handshake.</summary>
public readonly record struct HandshakeRequest(
    string Method,
    string Protocol,
    string? Host,
    string? Upgrade,
    string? Connection,
    string? Key,
    string? Version);
