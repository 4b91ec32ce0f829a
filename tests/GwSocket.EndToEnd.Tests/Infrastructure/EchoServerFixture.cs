namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>gwsocket in echo mode with its default limits.</summary>
public sealed class EchoServerFixture() : ServerFixture("--echo-mode");
