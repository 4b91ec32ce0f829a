using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.Cluster;

/// <summary>The open/close picture of a strict pipe-out, as a watcher reads it.</summary>
public static class EventSummary
{
    public static List<uint> OpenIds(IEnumerable<StrictRecord> records) =>
        records.Where(record => record.Type == StrictRecord.Open).Select(record => record.ClientId).ToList();

    public static List<uint> CloseIds(IEnumerable<StrictRecord> records) =>
        records.Where(record => record.Type == StrictRecord.Close).Select(record => record.ClientId).ToList();

    /// <summary>For failure messages: the opens and closes in order (id/slot), and how many other records.</summary>
    public static string Of(List<StrictRecord> records)
    {
        var opens = OpenIds(records);
        var closes = CloseIds(records);
        var others = records.Count - opens.Count - closes.Count;
        return $"{opens.Count} opens [{Ids(opens)}], {closes.Count} closes [{Ids(closes)}], {others} other records";
    }

    public static string Ids(IEnumerable<uint> ids) => string.Join(" ", ids.Select(id => $"{id}(slot {id >> 22})"));
}
