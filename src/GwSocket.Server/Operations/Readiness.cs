using Akka.Actor;
using Akka.Cluster;
using GwSocket.Actors.Routing;
using GwSocket.Actors.Telemetry;
using GwSocket.Server.Configuration;
using Microsoft.Extensions.Hosting;

namespace GwSocket.Server.Operations;

/// <summary>
/// Whether this node should get traffic: listening (the host has started, Kestrel last), pipes open (their actors
/// run: the stats carry their counters) and pipe-out's writer running, cluster member Up, and not shutting down.
/// Anything else is a reason for 503; a router that failed (the node is on its way out) is named as such.
/// </summary>
internal sealed class Readiness(IHostApplicationLifetime lifetime, ActorSystem system, StatsBoard board, GwSocketSettings settings)
{
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (CoordinatedShutdown.Get(system).ShutdownReason is RouterFailed failed)
            problems.Add(failed.ToString());
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            problems.Add("shutting down");
        else if (!lifetime.ApplicationStarted.IsCancellationRequested)
            problems.Add("starting");
        var cluster = Cluster.Get(system);
        var status = cluster.SelfMember.Status;
        // Until the cluster admits it, a node's own member reads Removed: to the operator it is still joining.
        if (status == MemberStatus.Removed && !cluster.IsTerminated)
            status = MemberStatus.Joining;
        if (status != MemberStatus.Up)
            problems.Add($"cluster member is {status}");
        var self = board.Current.Self;
        if (self is null)
            problems.Add("no stats collected yet");
        else if (self.PipeIn is null)
            problems.Add("pipe-in is not open");
        else if (!settings.EchoMode && self.PipeOut is null)
            problems.Add("pipe-out is not open");
        else if (self.PipeOut?.WriterFailure is { } failure)
            problems.Add($"pipe-out writer stopped: {failure}");
        return problems;
    }
}
