namespace GwSocket.Protocol.Http;

/// <summary>
/// A complete HTTP/1.x request head as the client sent it: the request line and the headers that decide or log a
/// WebSocket upgrade. A header sent more than once is joined with commas, as HTTP allows for list-valued headers.
/// </summary>
public sealed class RequestHead
{
    public required string Method { get; init; }

    /// <summary>The request target exactly as written, query string included.</summary>
    public required string Target { get; init; }

    public required string Protocol { get; init; }

    /// <summary>Bytes of the head, request line to the blank line included: what follows belongs to the connection.</summary>
    public required int Length { get; init; }

    public string? Host { get; init; }

    public string? Upgrade { get; init; }

    public string? Connection { get; init; }

    public string? SecWebSocketKey { get; init; }

    public string? SecWebSocketVersion { get; init; }

    public string? SecWebSocketExtensions { get; init; }

    public string? Origin { get; init; }

    public string? Referer { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>The Authorization header (the network pipe's bearer token): never logged.</summary>
    public string? Authorization { get; init; }

    /// <summary>A non-zero Content-Length or any Transfer-Encoding: the request announces content after its head.</summary>
    public bool HasBody { get; init; }

    /// <summary>The target without its query string.</summary>
    public ReadOnlySpan<char> Path => Target.AsSpan(0, Target.IndexOf('?') is var query and >= 0 ? query : Target.Length);

    /// <summary>The query string without its '?', empty when there is none.</summary>
    public ReadOnlySpan<char> Query => Target.IndexOf('?') is var query and >= 0 ? Target.AsSpan(query + 1) : [];

    public HandshakeRequest ToHandshakeRequest() =>
        new(Method, Protocol, Host, Upgrade, Connection, SecWebSocketKey, SecWebSocketVersion);
}
