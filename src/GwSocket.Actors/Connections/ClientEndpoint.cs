namespace GwSocket.Actors.Connections;

/// <summary>Where a client connected from, as the server saw it.</summary>
public sealed record ClientEndpoint(string RemoteIp, int RemotePort);
