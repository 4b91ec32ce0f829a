using GwSocket.Protocol.Http;

namespace GwSocket.Protocol.Tests.Http;

/// <summary>RFC 6750 2.1: <c>Authorization: Bearer SECRET</c>, the network pipe's only credential.</summary>
public sealed class BearerTokenTests
{
    private readonly BearerToken _token = new("s3cret-Token");

    [Theory]
    [InlineData("Bearer s3cret-Token")]
    [InlineData("bearer s3cret-Token")]
    [InlineData("BEARER   s3cret-Token  ")]
    public void The_bearer_scheme_in_any_case_with_exactly_the_secret_is_accepted(string header) =>
        Assert.True(_token.Accepts(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer s3cret-token")]
    [InlineData("Bearer s3cret-Token2")]
    [InlineData("Bearer s3cret-Toke")]
    [InlineData("Basic s3cret-Token")]
    [InlineData("s3cret-Token")]
    [InlineData("Bearers3cret-Token")]
    public void Anything_else_is_refused(string? header) =>
        Assert.False(_token.Accepts(header));

    [Theory]
    [InlineData("abc\n", "abc")]
    [InlineData("  abc \r\nsecond line\n", "abc")]
    [InlineData("abc", "abc")]
    public void A_token_file_holds_the_secret_on_its_first_line(string text, string secret) =>
        Assert.Equal(secret, BearerToken.SecretFrom(text));

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("  \nabc\n")]
    public void A_file_whose_first_line_is_empty_holds_no_secret(string text) =>
        Assert.Null(BearerToken.SecretFrom(text));
}
