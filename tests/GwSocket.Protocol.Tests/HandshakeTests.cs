using GwSocket.Protocol;

namespace GwSocket.Protocol.Tests;

/// <summary>RFC 6455 section 4.2.1: what makes an opening handshake acceptable.</summary>
public sealed class HandshakeTests
{
    private const string SampleKey = "dGhlIHNhbXBsZSBub25jZQ==";

    private static readonly HandshakeRequest Valid = new(
        Method: "GET",
        Protocol: "HTTP/1.1",
        Host: "server.example.com",
        Upgrade: "websocket",
        Connection: "Upgrade",
        Key: SampleKey,
        Version: "13");

    [Fact]
    public void Rfc_sample_request_is_accepted()
    {
        var result = Handshake.Validate(Valid);

        Assert.True(result.IsAccepted);
        Assert.Equal(HandshakeStatus.Accepted, result.Status);
    }

    [Fact]
    public void Rfc_accept_key_example()
    {
        // RFC 6455 section 1.3.
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Handshake.ComputeAcceptKey(SampleKey));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("HEAD")]
    [InlineData("get")]
    public void Method_other_than_GET_is_a_bad_request(string method) =>
        AssertBadRequest(Valid with { Method = method });

    [Theory]
    [InlineData("HTTP/1.0")]
    [InlineData("HTTP/2")]
    public void Protocol_other_than_HTTP_1_1_is_a_bad_request(string protocol) =>
        AssertBadRequest(Valid with { Protocol = protocol });

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Missing_Host_is_a_bad_request(string? host) =>
        AssertBadRequest(Valid with { Host = host });

    [Theory]
    [InlineData("websocket")]
    [InlineData("WebSocket")]
    [InlineData("WEBSOCKET")]
    public void Upgrade_websocket_is_case_insensitive(string upgrade) =>
        Assert.True(Handshake.Validate(Valid with { Upgrade = upgrade }).IsAccepted);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("h2c")]
    [InlineData("websockets")]
    public void Upgrade_other_than_websocket_is_a_bad_request(string? upgrade) =>
        AssertBadRequest(Valid with { Upgrade = upgrade });

    [Theory]
    [InlineData("Upgrade")]
    [InlineData("upgrade")]
    [InlineData("keep-alive, Upgrade")]
    [InlineData("Upgrade,keep-alive")]
    [InlineData("keep-alive ,  UPGRADE  ")]
    public void Connection_token_list_containing_upgrade_is_accepted(string connection) =>
        Assert.True(Handshake.Validate(Valid with { Connection = connection }).IsAccepted);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("keep-alive")]
    [InlineData("upgraded")]
    [InlineData("keep-alive upgrade")]
    public void Connection_without_the_upgrade_token_is_a_bad_request(string? connection) =>
        AssertBadRequest(Valid with { Connection = connection });

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==")] // 16 zero bytes
    [InlineData(" dGhlIHNhbXBsZSBub25jZQ== ")]
    public void Key_decoding_to_16_bytes_is_accepted(string key) =>
        Assert.True(Handshake.Validate(Valid with { Key = key }).IsAccepted);

    [Theory]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(0)]
    [InlineData(32)]
    public void Key_decoding_to_other_than_16_bytes_is_a_bad_request(int length) =>
        AssertBadRequest(Valid with { Key = Convert.ToBase64String(new byte[length]) });

    [Theory]
    [InlineData(null)]
    [InlineData("not base64 at all!")]
    [InlineData("dGhlIHNhbXBsZSBub25jZQ")] // padding missing
    [InlineData("dGhlIHNhbXBsZSBub25jZQ=!")]
    public void Key_that_is_not_base64_is_a_bad_request(string? key) =>
        AssertBadRequest(Valid with { Key = key });

    [Theory]
    [InlineData("8")]
    [InlineData("12")]
    [InlineData("14")]
    [InlineData("13, 8")]
    public void Version_other_than_13_requires_upgrade(string version)
    {
        var result = Handshake.Validate(Valid with { Version = version });

        Assert.Equal(HandshakeStatus.UpgradeRequired, result.Status);
        Assert.False(result.IsAccepted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Missing_version_is_a_bad_request(string? version) =>
        AssertBadRequest(Valid with { Version = version });

    private static void AssertBadRequest(HandshakeRequest request)
    {
        var result = Handshake.Validate(request);

        Assert.Equal(HandshakeStatus.BadRequest, result.Status);
        Assert.False(result.IsAccepted);
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }
}
