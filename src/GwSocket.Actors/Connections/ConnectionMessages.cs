namespace GwSocket.Actors.Connections;

/// <summary>
/// Already encoded server frames for one client, in the order they are sent. The arrays are shared between
/// recipients (one array of a batch's broadcasts for every client without unicasts) and never changed.
/// </summary>
internal sealed record SendFrames(byte[][] Frames);

/// <summary>Start the closing handshake with this code (e.g. 1001 when the node shuts down).</summary>
internal sealed record CloseConnection(ushort Code, string Reason);
