namespace GwSocket.Actors.Connections;

/// <summary>Send one already encoded server frame; the bytes are shared between recipients and never changed.</summary>
public sealed record SendFrame(byte[] Frame);

/// <summary>
/// Already encoded server frames for one client, from one batch, to be sent in order: the batch's broadcasts
/// (one array shared by every recipient, never changed) with this client's own unicasts slotted between them.
/// </summary>
public sealed record SendFrames(byte[][] Broadcasts, IReadOnlyList<PlacedFrame>? Unicasts)
{
    /// <summary>The frames in the order they are sent.</summary>
    public IEnumerable<byte[]> InOrder()
    {
        var next = 0;
        for (var i = 0; i < Broadcasts.Length; i++)
        {
            for (; Unicasts is not null && next < Unicasts.Count && Unicasts[next].BroadcastsBefore == i; next++)
                yield return Unicasts[next].Frame;
            yield return Broadcasts[i];
        }
        for (; Unicasts is not null && next < Unicasts.Count; next++)
            yield return Unicasts[next].Frame;
    }
}

/// <summary>A unicast frame of a <see cref="SendFrames"/>, sent after the first <paramref name="BroadcastsBefore"/> broadcasts.</summary>
public readonly record struct PlacedFrame(int BroadcastsBefore, byte[] Frame);

/// <summary>Start the closing handshake with this code (e.g. 1001 when the node shuts down).</summary>
public sealed record CloseConnection(ushort Code, string Reason);
