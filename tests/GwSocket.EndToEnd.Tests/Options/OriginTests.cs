using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Options;

/// <summary>--origin=ORIGIN: only that Origin may upgrade; any other, or none, gets 403.</summary>
public sealed class OriginTests(OriginTests.GoodOriginServerFixture fixture) : IClassFixture<OriginTests.GoodOriginServerFixture>
{
    private const string GoodOrigin = "http://good.example";

    [Fact]
    public async Task Matching_origin_upgrades()
    {
        var response = await SendAsync(UpgradeRequest.Valid().With("Origin", GoodOrigin));

        Assert.Equal(101, response.StatusCode);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("https://good.example")]
    [InlineData("http://good.example.evil.example")]
    public async Task Other_origin_gets_403(string origin)
    {
        var response = await SendAsync(UpgradeRequest.Valid().With("Origin", origin));

        Assert.Equal(403, response.StatusCode);
    }

    [Fact]
    public async Task Missing_origin_gets_403()
    {
        var response = await SendAsync(UpgradeRequest.Valid().Without("Origin"));

        Assert.Equal(403, response.StatusCode);
    }

    private async Task<HttpResponseHead> SendAsync(UpgradeRequest request)
    {
        await using var connection = await RawConnection.OpenTcpAsync(fixture.Port);
        await connection.SendAsync(request.ToBytes());
        return await connection.ReadResponseHeadAsync();
    }

    public sealed class GoodOriginServerFixture() : ServerFixture("--echo-mode", $"--origin={GoodOrigin}");
}
