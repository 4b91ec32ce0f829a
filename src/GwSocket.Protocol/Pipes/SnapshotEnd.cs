namespace GwSocket.Protocol.Pipes;

/// <summary>
/// The text message a network pipe watcher that asked for <c>?snapshot=1</c> gets after the opens of the clients live
/// when it connected: <c>snapshot-end strict</c> or <c>snapshot-end standard</c>, the node's pipe mode. What comes
/// after it are events as they happen.
/// </summary>
public static class SnapshotEnd
{
    private const string Prefix = "snapshot-end ";
    private const string StrictMode = "strict";
    private const string StandardMode = "standard";

    public static string Format(bool strict) => Prefix + (strict ? StrictMode : StandardMode);

    /// <summary>True when <paramref name="text"/> is the marker; <paramref name="strict"/> is then the node's mode.</summary>
    public static bool TryParse(string text, out bool strict)
    {
        strict = text == Prefix + StrictMode;
        return strict || text == Prefix + StandardMode;
    }
}
