using Akka.Configuration;
using GwSocket.Actors.Connections;
using GwSocket.Server.Configuration;
using static System.FormattableString;

namespace GwSocket.Server.Hosting;

/// <summary>The settings of GwSocket.Actors' broker (gwsocket.router, gwsocket.connections) that follow from gwsocket's options.</summary>
internal static class BrokerHocon
{
    public static Config For(GwSocketSettings settings) => ConfigurationFactory.ParseString(Invariant($$"""
        gwsocket.router {
          node-name = {{ClusterHocon.Quote(settings.NodeName)}}
          events = {{(settings.ClusterEvents ? "cluster" : "local")}}
        }
        gwsocket.connections {
          max-message-size = {{settings.MaxFrameSize}}b
          keepalive.interval = {{Milliseconds(settings.KeepaliveInterval)}}
          keepalive.timeout = {{Milliseconds(settings.KeepaliveTimeout)}}
          close-timeout = {{Milliseconds(settings.CloseTimeout)}}
          echo-mode = {{(settings.EchoMode ? "on" : "off")}}
          compression-min-size = {{settings.CompressionMinSize}}
          slow-clients.max-queued-bytes = {{settings.ClientMaxQueuedBytes}}b
          slow-clients.max-delay = {{Milliseconds(settings.SlowClientsMaxDelay)}}
          slow-clients.policy = {{(settings.SlowClientPolicy == SlowClientPolicy.Close ? "close" : "drop")}}
        }
        """));

    private static string Milliseconds(TimeSpan value) => Invariant($"{(long)value.TotalMilliseconds}ms");
}
