namespace GwSocket.EndToEnd.Tests.Cluster;

/// <summary>
/// Each cluster test starts three gwsocket nodes and nginx: they run one at a time, after the rest of this project,
/// so that their timing bounds are measured on a machine that is not also running other clusters.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "three gwsocket nodes behind nginx";
}
