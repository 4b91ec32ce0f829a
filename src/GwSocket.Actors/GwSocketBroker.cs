using System.IO.Pipelines;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Configuration;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Telemetry;
using GwSocket.Protocol.Compression;

namespace GwSocket.Actors;

/// <summary>
/// The WebSocket broker of one actor system (one cluster node), as an Akka extension: <see cref="Get"/> adds the
/// module's reference.conf (serializers, connection mailbox, <c>gwsocket.router</c> and <c>gwsocket.connections</c>)
/// under the system's configuration, reads the settings from it, and owns the node's router, its connection hosts
/// (the router started on first use, the hosts with the broker) and its counters. Several nodes in one process each have their own. List
/// <see cref="GwSocketBrokerProvider"/> in <c>akka.extensions</c> for the serializers to be there from the system's start.
/// </summary>
public sealed class GwSocketBroker : IExtension
{
    private const string RouterName = "router";

    private readonly Lazy<IActorRef> _router;
    private readonly ConnectionHosts _hosts;

    internal GwSocketBroker(ExtendedActorSystem system)
    {
        system.Settings.InjectTopLevelFallback(DefaultConfig());
        var gwsocket = system.Settings.Config.GetConfig("gwsocket");
        RouterSettings = RouterSettings.Create(gwsocket);
        ConnectionSettings = ConnectionSettings.Create(gwsocket);
        var hosts = gwsocket.GetInt("connections.hosts");
        if (hosts < 1)
            throw new ConfigurationException($"gwsocket.connections.hosts must be at least 1, not {hosts}");
        _router = new(() => system.ActorOf(Routing.Router.Props(RouterSettings), RouterName));
        // At start, not at the first upgrade: a client that has its 101 is registered with the router at once, so that
        // what pipe-in carries from then on reaches it (creating the hosts then delayed the first clients' registration).
        _hosts = new ConnectionHosts(system, hosts, ConnectionSettings.KeepaliveInterval, ConnectionSettings.KeepaliveTimeout);
    }

    public static GwSocketBroker Get(ActorSystem system) => system.WithExtension<GwSocketBroker, GwSocketBrokerProvider>();

    /// <summary>The module's reference.conf, embedded in GwSocket.Actors.dll.</summary>
    public static Config DefaultConfig() => ConfigurationFactory.FromResource<GwSocketBroker>("GwSocket.Actors.reference.conf");

    public RouterSettings RouterSettings { get; }

    public ConnectionSettings ConnectionSettings { get; }

    /// <summary>The node's router, named "router" under /user on every node, started on first use.</summary>
    public IActorRef Router => _router.Value;

    /// <summary>What this node's connections, router and network pipes have done.</summary>
    internal NodeCounters Counters { get; } = new();

    /// <summary>
    /// Starts the actor of an upgraded WebSocket connection under one of the node's connection hosts. The actor owns
    /// <paramref name="transport"/> from here and completes <paramref name="completed"/> when the connection is over.
    /// </summary>
    /// <param name="socket">
    /// The connection's socket when the actor may write into it itself instead of through <paramref name="transport"/>'s
    /// output (plain TCP or a unix socket, nothing written to the transport's output after the upgrade); null otherwise.
    /// </param>
    /// <param name="response">The 101, which the actor sends once the router knows the client; null when it has been sent.</param>
    /// <param name="deflate">The permessage-deflate the 101 agreed on, or null.</param>
    public void StartConnection(
        IDuplexPipe transport, Socket? socket, byte[]? response, ClientEndpoint client, TaskCompletionSource completed, PerMessageDeflate? deflate)
    {
        var output = socket is null ? ConnectionOutput.Into(transport.Output, response) : ConnectionOutput.Into(socket, response);
        _hosts.Start(ConnectionActor.Props(transport.Input, output, client, ConnectionSettings, Router, completed, deflate));
    }
}

/// <summary>Creates the <see cref="GwSocketBroker"/> of an actor system, once.</summary>
public sealed class GwSocketBrokerProvider : ExtensionIdProvider<GwSocketBroker>
{
    public override GwSocketBroker CreateExtension(ExtendedActorSystem system) => new(system);
}
