namespace GwSocket.Bench;

/// <summary>The figures of one measured phase.</summary>
internal sealed record PhaseResult(
    string Point,
    int Clients,
    int PayloadSize,
    double TargetRecordsPerSecond,
    long Records,
    long Deliveries,
    double Seconds,
    long P50Microseconds,
    long P99Microseconds,
    long MaxMicroseconds,
    long Lost,
    long OutOfOrder,
    double ServerCpuSeconds,
    double BenchCpuSeconds,
    long WireBytes,
    long PeakServerRssBytes,
    IReadOnlyList<NodeCost> Nodes)
{
    /// <summary>Bytes the clients read off their sockets per delivery: frame headers, payloads (compressed or not), pings.</summary>
    public double WireBytesPerDelivery => Deliveries == 0 ? double.NaN : WireBytes / (double)Deliveries;

    public double DeliveriesPerSecond => Deliveries / Seconds;

    public double RecordsPerSecond => Records / Seconds;

    public double MegabytesPerSecond => Deliveries * (double)PayloadSize / Seconds / 1e6;

    public double ServerMicrosecondsPerDelivery => Deliveries == 0 ? double.NaN : ServerCpuSeconds * 1e6 / Deliveries;

    public double ServerCpuPercent => ServerCpuSeconds / Seconds * 100;

    public double BenchCpuPercent => BenchCpuSeconds / Seconds * 100;
}

/// <summary>The figures of connecting many idle clients.</summary>
internal sealed record ConnectResult(string Point, int Connections, double Seconds, long ServerRssBefore, long ServerRssAfter, double ServerCpuSeconds, double BenchCpuSeconds)
{
    public double HandshakesPerSecond => Connections / Seconds;

    public double RssBytesPerConnection => (ServerRssAfter - ServerRssBefore) / (double)Connections;
}
