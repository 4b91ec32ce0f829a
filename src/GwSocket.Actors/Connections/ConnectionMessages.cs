namespace GwSocket.Actors.Connections;

/// <summary>Send an already encoded server frame; the bytes are shared between recipients and never changed.</summary>
public sealed record SendFrame(byte[] Frame);

/// <summary>Start the closing handshake with this code (e.g. 1001 when the node shuts down).</summary>
public sealed record CloseConnection(ushort Code, string Reason);
