using System.Diagnostics.Metrics;

namespace GwSocket.Actors.Telemetry;

/// <summary>
/// This node's figures as System.Diagnostics.Metrics instruments on a meter named <see cref="GwSocketMeter.Name"/>.
/// They are observed, not pushed: each read takes the latest stats from the board (at most one collection interval old),
/// so the hot path pays nothing for an exporter. Disposing removes the instruments.
/// </summary>
public sealed class NodeInstruments : IDisposable
{
    private readonly Meter _meter = new(GwSocketMeter.Name);
    private readonly StatsBoard _board;

    public NodeInstruments(StatsBoard board)
    {
        _board = board;
        _meter.CreateObservableUpDownCounter("gwsocket.connections.open", () => Self(s => (long)s.Router.Connections), description: "WebSocket clients connected to this node");
        _meter.CreateObservableCounter("gwsocket.connections.opened", () => Self(s => s.Connections.Opened), description: "WebSocket clients that completed the handshake");
        _meter.CreateObservableCounter("gwsocket.connections.protocol_errors", () => Self(s => s.Connections.ProtocolErrors), description: "Clients closed for breaking RFC 6455");
        _meter.CreateObservableCounter("gwsocket.messages.in", () => ByType(s => s.Connections.MessagesInText, s => s.Connections.MessagesInBinary), description: "Messages received from clients");
        _meter.CreateObservableCounter("gwsocket.messages.out", () => ByType(s => s.Connections.MessagesOutText, s => s.Connections.MessagesOutBinary), description: "Messages queued for clients");
        _meter.CreateObservableCounter("gwsocket.traffic.in", () => ByType(s => s.Connections.BytesInText, s => s.Connections.BytesInBinary), "By", "Payload bytes received from clients");
        _meter.CreateObservableCounter("gwsocket.traffic.out", () => ByType(s => s.Connections.BytesOutText, s => s.Connections.BytesOutBinary), "By", "Frame bytes queued for clients");
        _meter.CreateObservableCounter("gwsocket.compression.out", () => ByStage(s => s.Connections.CompressedOutPlainBytes, s => s.Connections.CompressedOutBytes), "By", "Frame bytes of messages sent compressed (permessage-deflate), before and after compression");
        _meter.CreateObservableCounter("gwsocket.compression.in", () => ByStage(s => s.Connections.CompressedInPlainBytes, s => s.Connections.CompressedInBytes), "By", "Bytes of messages received compressed, inflated and as received");
        _meter.CreateObservableCounter("gwsocket.drops", Drops, description: "Messages dropped, by reason");
        _meter.CreateObservableUpDownCounter("gwsocket.slow_clients", () => Self(s => s.Connections.SlowClients), description: "Clients whose messages are being dropped because they do not read");
        _meter.CreateObservableCounter("gwsocket.slow_clients.closed", () => Self(s => s.Connections.SlowClientCloses), description: "Clients closed with 1008 because they did not read");
        _meter.CreateObservableCounter("gwsocket.slow_clients.found", SlowClientsByPolicy, description: "Clients the slow-client policy applied to, by policy: drop (an episode of drops) or close (1008)");
        _meter.CreateObservableCounter("gwsocket.flow.held_back", HeldBack, "s", "Time pipe-in (or another node's batches) waited for clients to make room");
        _meter.CreateObservableUpDownCounter("gwsocket.flow.clients_behind", () => Self(s => (long)s.Router.ClientsBehind), description: "Clients that keep reading and that the batch now waiting waits for");
        _meter.CreateObservableUpDownCounter("gwsocket.outbound.queued", () => Self(s => s.Connections.QueuedBytes), "By", "Bytes waiting for clients' sockets");
        _meter.CreateObservableCounter("gwsocket.pipe_in.records", PipeInRecords, description: "Records (strict) or messages (standard) read from pipe-in, by source: fifo, stdin, network");
        _meter.CreateObservableCounter("gwsocket.pipe_in.read", () => Self(s => s.PipeIn?.BytesIn), "By", "Bytes read from pipe-in");
        _meter.CreateObservableCounter("gwsocket.pipe_in.errors", PipeInErrors, description: "Pipe-in data rejected, by kind");
        _meter.CreateObservableCounter("gwsocket.pipe_in.restarts", () => Self(s => (long?)s.PipeIn?.StreamRestarts), description: "Times the pipe-in reader was restarted");
        _meter.CreateObservableCounter("gwsocket.pipe_out.records", () => Self(s => s.PipeOut?.RecordsWritten), description: "Records written to pipe-out");
        _meter.CreateObservableUpDownCounter("gwsocket.pipe_out.queued", () => Self(s => s.PipeOut?.QueuedBytes), "By", "Bytes waiting for a pipe-out reader");
        _meter.CreateObservableUpDownCounter("gwsocket.pipe.connections.open", PipeConnections, description: "Network pipe connections open, by role: producer, watcher (asked for events)");
        _meter.CreateObservableCounter("gwsocket.pipe.auth_failures", () => Self(s => s.NetworkPipes?.AuthFailures), description: "Network pipe requests refused 401: missing or wrong bearer token");
        _meter.CreateObservableCounter("gwsocket.pipe.errors", NetworkPipeErrors, description: "Network pipe data rejected, by kind: bad_record (connection closed), partial_record (producer gone mid-record)");
        _meter.CreateObservableUpDownCounter("gwsocket.cluster.members", Members, description: "Cluster members seen by this node, by status");
        _meter.CreateObservableCounter("gwsocket.cluster.messages", () => ByDirection(t => t.BatchesSent, t => t.BatchesReceived), description: "Messages between this node's router and the others'");
        _meter.CreateObservableCounter("gwsocket.cluster.entries", () => ByDirection(t => t.EntriesSent, t => t.EntriesReceived), description: "Frames and client events carried by those messages");
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> Self(Func<NodeStats, long?> read)
    {
        if (_board.Current.Self is { } self && read(self) is { } value)
            yield return new Measurement<long>(value);
    }

    private IEnumerable<Measurement<long>> ByType(Func<NodeStats, long> text, Func<NodeStats, long> binary)
    {
        if (_board.Current.Self is not { } self)
            yield break;
        yield return new Measurement<long>(text(self), new KeyValuePair<string, object?>("type", "text"));
        yield return new Measurement<long>(binary(self), new KeyValuePair<string, object?>("type", "binary"));
    }

    private IEnumerable<Measurement<long>> ByStage(Func<NodeStats, long> uncompressed, Func<NodeStats, long> compressed)
    {
        if (_board.Current.Self is not { } self)
            yield break;
        yield return new Measurement<long>(uncompressed(self), new KeyValuePair<string, object?>("stage", "uncompressed"));
        yield return new Measurement<long>(compressed(self), new KeyValuePair<string, object?>("stage", "compressed"));
    }

    private IEnumerable<Measurement<long>> ByDirection(Func<ClusterTraffic, long> sent, Func<ClusterTraffic, long> received)
    {
        if (_board.Current.Self is not { } self)
            yield break;
        yield return new Measurement<long>(sent(self.ClusterTraffic), new KeyValuePair<string, object?>("direction", "sent"));
        yield return new Measurement<long>(received(self.ClusterTraffic), new KeyValuePair<string, object?>("direction", "received"));
    }

    private IEnumerable<Measurement<long>> Drops()
    {
        if (_board.Current.Self is not { } self)
            yield break;
        yield return Tagged(self.Connections.SlowClientDrops, "reason", "slow_client");
        yield return Tagged(self.Router.UnicastsToUnknownClients, "reason", "unknown_client");
        yield return Tagged(self.Router.UndeliveredToUnreachableNodes, "reason", "unreachable_node");
        yield return Tagged(self.Router.UndeliveredToRemovedNodes, "reason", "removed_node");
        yield return Tagged(self.PipeOut?.RecordsDropped ?? 0, "reason", "pipe_out");
        yield return Tagged(self.NetworkPipes?.WatcherDrops ?? 0, "reason", "pipe_watcher");
    }

    private IEnumerable<Measurement<long>> PipeInRecords()
    {
        if (_board.Current.Self is not { } self)
            yield break;
        if (self.PipeIn is { } pipeIn)
            yield return Tagged(pipeIn.RecordsIn, "source", pipeIn.Source);
        yield return Tagged(self.NetworkPipes?.RecordsIn ?? 0, "source", "network");
    }

    private IEnumerable<Measurement<long>> PipeConnections()
    {
        if (_board.Current.Self?.NetworkPipes is not { } pipes)
            yield break;
        yield return Tagged(pipes.Producers, "role", "producer");
        yield return Tagged(pipes.Watchers, "role", "watcher");
    }

    private IEnumerable<Measurement<long>> NetworkPipeErrors()
    {
        if (_board.Current.Self?.NetworkPipes is not { } pipes)
            yield break;
        yield return Tagged(pipes.DecodeErrors, "kind", "bad_record");
        yield return Tagged(pipes.PartialRecordsDiscarded, "kind", "partial_record");
    }

    private IEnumerable<Measurement<long>> SlowClientsByPolicy()
    {
        if (_board.Current.Self is not { } self)
            yield break;
        yield return Tagged(self.Connections.SlowClientEpisodes, "policy", "drop");
        yield return Tagged(self.Connections.SlowClientCloses, "policy", "close");
    }

    private IEnumerable<Measurement<double>> HeldBack()
    {
        if (_board.Current.Self is { } self)
            yield return new Measurement<double>(self.Router.HeldBackMilliseconds / 1000.0);
    }

    private IEnumerable<Measurement<long>> PipeInErrors()
    {
        if (_board.Current.Self?.PipeIn is not { } pipeIn)
            yield break;
        yield return Tagged(pipeIn.DecodeErrors, "kind", "bad_header");
        yield return Tagged(pipeIn.PartialRecordsDiscarded, "kind", "partial_record");
        yield return Tagged(pipeIn.Replacements, "kind", "invalid_utf8");
    }

    private IEnumerable<Measurement<long>> Members() =>
        _board.Current.Members
            .GroupBy(member => member.Reachable ? member.Status.ToLowerInvariant() : "unreachable")
            .Select(group => Tagged(group.Count(), "status", group.Key));

    private static Measurement<long> Tagged(long value, string key, string tag) =>
        new(value, new KeyValuePair<string, object?>(key, tag));
}
