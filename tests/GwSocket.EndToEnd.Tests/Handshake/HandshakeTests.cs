using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Handshake;

/// <summary>RFC 6455 sections 4.2.1 and 4.2.2: the opening handshake, written by hand.</summary>
public sealed class HandshakeTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private static readonly Dictionary<string, Func<UpgradeRequest, UpgradeRequest>> BadRequests = new()
    {
        ["missing Upgrade"] = r => r.Without("Upgrade"),
        ["Upgrade is not websocket"] = r => r.With("Upgrade", "h2c"),
        ["Connection without the upgrade token"] = r => r.With("Connection", "keep-alive"),
        ["missing Connection"] = r => r.Without("Connection"),
        ["missing Sec-WebSocket-Key"] = r => r.Without("Sec-WebSocket-Key"),
        ["key decodes to 15 bytes"] = r => r.With("Sec-WebSocket-Key", Convert.ToBase64String(new byte[15])),
        ["key decodes to 17 bytes"] = r => r.With("Sec-WebSocket-Key", Convert.ToBase64String(new byte[17])),
        ["key is not base64"] = r => r.With("Sec-WebSocket-Key", "not base64 at all!!!!!!"),
        ["POST"] = r => r.WithMethod("POST").With("Content-Length", "0"),
        ["HTTP/1.0"] = r => r.WithProtocol("HTTP/1.0"),
        ["missing Host"] = r => r.Without("Host"),
    };

    private static readonly Dictionary<string, Func<UpgradeRequest, UpgradeRequest>> AcceptedVariants = new()
    {
        ["as RFC 6455 writes it"] = r => r,
        ["lower-case upgrade token"] = r => r.With("Connection", "upgrade"),
        ["upgrade among other tokens"] = r => r.With("Connection", "keep-alive, Upgrade"),
        ["mixed-case websocket"] = r => r.With("Upgrade", "WebSocket"),
    };

    public static TheoryData<string> BadRequestNames() => new(BadRequests.Keys);

    public static TheoryData<string> AcceptedVariantNames() => new(AcceptedVariants.Keys);

    [Fact]
    public async Task Accept_key_is_the_one_rfc6455_gives_for_its_sample_key()
    {
        var response = await SendAsync(UpgradeRequest.Valid());

        Assert.Equal(101, response.StatusCode);
        Assert.Equal(UpgradeRequest.SampleAccept, response.Header("Sec-WebSocket-Accept"));
        Assert.Equal("websocket", response.Header("Upgrade"), ignoreCase: true);
        Assert.Contains("upgrade", response.Header("Connection") ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(AcceptedVariantNames))]
    public async Task Valid_handshake_upgrades(string variant)
    {
        var response = await SendAsync(AcceptedVariants[variant](UpgradeRequest.Valid()));

        Assert.Equal(101, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/chat")]
    [InlineData("/a/b/c?x=1&y=2")]
    public async Task Any_request_path_upgrades(string path)
    {
        var response = await SendAsync(UpgradeRequest.Valid(path));

        Assert.Equal(101, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BadRequestNames))]
    public async Task Bad_handshake_gets_400(string flaw)
    {
        var response = await SendAsync(BadRequests[flaw](UpgradeRequest.Valid()));

        Assert.Equal(400, response.StatusCode);
        Assert.Null(response.Header("Sec-WebSocket-Accept"));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("8")]
    public async Task Unsupported_version_gets_426_naming_version_13(string version)
    {
        var response = await SendAsync(UpgradeRequest.Valid().With("Sec-WebSocket-Version", version));

        Assert.Equal(426, response.StatusCode);
        Assert.Equal("13", response.Header("Sec-WebSocket-Version"));
    }

    private async Task<HttpResponseHead> SendAsync(UpgradeRequest request)
    {
        await using var connection = await RawConnection.OpenTcpAsync(fixture.Port);
        await connection.SendAsync(request.ToBytes());
        return await connection.ReadResponseHeadAsync();
    }
}
