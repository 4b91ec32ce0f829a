using GwSocket.Actors.Routing;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>Entries hold byte arrays, which records compare by reference: these compare them by content.</summary>
internal static class PeerEntryComparison
{
    public static void AssertSameEntries(IReadOnlyList<PeerEntry> expected, IReadOnlyList<PeerEntry> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            AssertSameEntry(expected[i], actual[i], i);
    }

    private static void AssertSameEntry(PeerEntry expected, PeerEntry actual, int index)
    {
        var where = $"entry {index} ({expected.Kind})";
        Assert.True(expected.Kind == actual.Kind, $"{where}: kind {actual.Kind}");
        Assert.True(expected.ClientId == actual.ClientId, $"{where}: client id {actual.ClientId}");
        Assert.True(expected.Type == actual.Type, $"{where}: type {actual.Type}");
        Assert.True(expected.Bytes.AsSpan().SequenceEqual(actual.Bytes), $"{where}: {actual.Bytes.Length} bytes differ from the {expected.Bytes.Length} sent");
        Assert.True(expected.RemoteIp == actual.RemoteIp, $"{where}: remote ip '{actual.RemoteIp}'");
    }
}
