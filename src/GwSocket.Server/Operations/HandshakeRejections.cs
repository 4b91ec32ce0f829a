using System.Diagnostics.Metrics;
using GwSocket.Actors.Telemetry;
using Microsoft.AspNetCore.Http;

namespace GwSocket.Server.Operations;

/// <summary>
/// Upgrade requests answered with an error, by reason: a counter pushed at each rejection (they are rare), on a meter of
/// this node's own, which the container disposes at exit.
/// </summary>
internal sealed class HandshakeRejections : IDisposable
{
    private readonly Meter _meter = new(GwSocketMeter.Name);
    private readonly Counter<long> _rejected;

    public HandshakeRejections() =>
        _rejected = _meter.CreateCounter<long>("gwsocket.handshakes.rejected", description: "Upgrade requests refused, by reason");

    public void Record(int status) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", Reason(status)));

    public void Dispose() => _meter.Dispose();

    public static string Reason(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad_request",
        StatusCodes.Status403Forbidden => "origin",
        StatusCodes.Status426UpgradeRequired => "version",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
