namespace GwSocket.Server.AccessLog;

/// <summary>One request or connection as gwsocket's access log records it. Client-sent fields are raw here.</summary>
/// <param name="Bytes">Size of the request head the client sent, as gwsocket counts it.</param>
/// <param name="Elapsed">From the request's arrival to the end of its response or, after an upgrade, of the connection.</param>
internal sealed record AccessLogEntry(
    string RemoteIp,
    DateTimeOffset Time,
    string Method,
    string Target,
    string Protocol,
    int Status,
    long Bytes,
    string? Referer,
    string? UserAgent,
    TimeSpan Elapsed);
