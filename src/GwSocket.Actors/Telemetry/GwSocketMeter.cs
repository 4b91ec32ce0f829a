namespace GwSocket.Actors.Telemetry;

/// <summary>The name of every System.Diagnostics.Metrics meter of gwsocket, for exporters and listeners to select.</summary>
public static class GwSocketMeter
{
    public const string Name = "GwSocket";
}
