namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>gwsocket in echo mode with a 1024-byte message limit, so that limits are cheap to cross.</summary>
public sealed class SmallLimitEchoServerFixture() : ServerFixture("--echo-mode", $"--max-frame-size={Limit}")
{
    public const int Limit = 1024;
}
