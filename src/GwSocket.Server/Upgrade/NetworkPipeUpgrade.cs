using System.IO.Pipelines;
using Akka.Actor;
using Akka.Hosting;
using GwSocket.Actors;
using GwSocket.Actors.NetworkPipes;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using GwSocket.Protocol.Http;
using GwSocket.Server.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace GwSocket.Server.Upgrade;

/// <summary>
/// Upgrades to the network pipe (<see cref="NetworkPipeSettings.Path"/>), when a token is configured: the bearer token
/// first (401 for a missing or wrong one, before anything else is looked at, and never logged), then the handshake, the
/// node not stopping and the cap on pipe connections (503). No permessage-deflate: the pipe's bytes go as they are.
/// </summary>
internal sealed class NetworkPipeUpgrade(GwSocketSettings settings, PipeToken token, ActorSystem system, ActorRegistry registry, IHostApplicationLifetime lifetime)
{
    private readonly Lazy<NetworkPipeEndpoint> _endpoint = new(() => new NetworkPipeEndpoint(system, registry.Get<GwSocketBroker>(), settings.ToNetworkPipeSettings()));
    private int _open;

    /// <summary>True for a request this class answers: the pipe path with a token configured.</summary>
    public bool Handles(ReadOnlySpan<char> path) => token.Enabled && path.SequenceEqual(NetworkPipeSettings.Path);

    /// <summary>101 with a pipe slot taken (released by <see cref="ServeAsync"/>), or the refusal's status.</summary>
    public int Admit(in HandshakeRequest request, string? authorization, string peer)
    {
        if (!token.Accepts(authorization))
        {
            _endpoint.Value.AuthFailed(peer);
            return StatusCodes.Status401Unauthorized;
        }
        var handshake = Handshake.Validate(request);
        if (handshake.Status == HandshakeStatus.UpgradeRequired)
            return StatusCodes.Status426UpgradeRequired;
        if (!handshake.IsAccepted)
            return StatusCodes.Status400BadRequest;
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            return StatusCodes.Status503ServiceUnavailable;
        if (Interlocked.Increment(ref _open) > settings.MaxPipeConnections)
        {
            Interlocked.Decrement(ref _open);
            _endpoint.Value.RefusedAtCap(peer, settings.MaxPipeConnections);
            return StatusCodes.Status503ServiceUnavailable;
        }
        return StatusCodes.Status101SwitchingProtocols;
    }

    /// <summary>With the 101 written, not flushed: serves the connection until it ends and frees its slot.</summary>
    public async Task ServeAsync(IDuplexPipe transport, string query, string peer)
    {
        try
        {
            await _endpoint.Value.ServeAsync(transport, peer, NetworkPipeQuery.Parse(query), lifetime.ApplicationStopping);
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Frees the slot <see cref="Admit"/> took for a connection that will not be served.</summary>
    public void Release() => Interlocked.Decrement(ref _open);
}
