using System.Diagnostics;
using GwSocket.Protocol.Http;
using GwSocket.Server.AccessLog;

namespace GwSocket.Server.Upgrade;

/// <summary>
/// The access log line of a request read by <see cref="WebSocketListener"/>, kept from its head until the
/// connection ends: the fields it logs, not the head.
/// </summary>
internal sealed class PendingAccessLogEntry(RequestHead head, string clientIp, int status)
{
    private readonly long _started = Stopwatch.GetTimestamp();

    private readonly AccessLogEntry _entry = new(
        clientIp, default, head.Method, head.Target, head.Protocol, status, head.Length, head.Referer ?? "", head.UserAgent ?? "", default);

    public AccessLogEntry Finish() => _entry with { Time = DateTimeOffset.Now, Elapsed = Stopwatch.GetElapsedTime(_started) };
}
