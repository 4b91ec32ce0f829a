using System.Diagnostics.Metrics;
using GwSocket.Actors.Telemetry;
using Microsoft.AspNetCore.Http;

namespace GwSocket.Server.Operations;

/// <summary>Upgrade requests answered with an error, by reason: a counter pushed at each rejection (they are rare).</summary>
public static class HandshakeRejections
{
    private static readonly Meter Meter = new(GwSocketMeter.Name);

    private static readonly Counter<long> Rejected =
        Meter.CreateCounter<long>("gwsocket.handshakes.rejected", description: "Upgrade requests refused, by reason");

    public static void Record(int status) => Rejected.Add(1, new KeyValuePair<string, object?>("reason", Reason(status)));

    public static string Reason(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad_request",
        StatusCodes.Status403Forbidden => "origin",
        StatusCodes.Status426UpgradeRequired => "version",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
