using GwSocket.Protocol.Compression;

namespace GwSocket.Protocol.Tests.Compression;

/// <summary>RFC 7692 section 7.1: which offers the server accepts, and what it answers.</summary>
public sealed class NegotiationTests
{
    private const string Agreed = "permessage-deflate; server_no_context_takeover; client_no_context_takeover";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("x-webkit-deflate-frame")]
    [InlineData("permessage-foo, x-custom; a=1")]
    public void No_permessage_deflate_offer_agrees_nothing(string? header) =>
        Assert.Null(PerMessageDeflateNegotiation.Negotiate(header));

    [Theory]
    [InlineData("permessage-deflate")]
    [InlineData("permessage-deflate; client_max_window_bits")] // Chromium's offer
    [InlineData("permessage-deflate; client_max_window_bits=10")]
    [InlineData("permessage-deflate; client_no_context_takeover")]
    [InlineData("permessage-deflate; server_no_context_takeover")]
    [InlineData("permessage-deflate;client_no_context_takeover;client_max_window_bits;server_no_context_takeover")]
    [InlineData("PerMessage-Deflate ;  Client_Max_Window_Bits")]
    [InlineData("permessage-deflate; client_max_window_bits=\"15\"")]
    public void Acceptable_offer_gets_both_no_context_takeovers_and_nothing_else(string header)
    {
        var agreed = PerMessageDeflateNegotiation.Negotiate(header);

        Assert.NotNull(agreed);
        Assert.Null(agreed.ServerMaxWindowBits);
        Assert.Equal(Agreed, agreed.ResponseHeaderValue);
    }

    [Theory]
    [InlineData("8", 8)]
    [InlineData("9", 9)]
    [InlineData("15", 15)]
    [InlineData("\"10\"", 10)]
    public void Server_max_window_bits_is_honoured_and_answered(string value, int bits)
    {
        var agreed = PerMessageDeflateNegotiation.Negotiate($"permessage-deflate; server_max_window_bits={value}");

        Assert.NotNull(agreed);
        Assert.Equal(bits, agreed.ServerMaxWindowBits);
        Assert.Equal($"{Agreed}; server_max_window_bits={bits}", agreed.ResponseHeaderValue);
    }

    [Theory]
    [InlineData("permessage-deflate; server_max_window_bits")] // the value is required
    [InlineData("permessage-deflate; server_max_window_bits=7")]
    [InlineData("permessage-deflate; server_max_window_bits=16")]
    [InlineData("permessage-deflate; server_max_window_bits=09")] // no leading zeros
    [InlineData("permessage-deflate; server_max_window_bits=-9")]
    [InlineData("permessage-deflate; server_max_window_bits=abc")]
    [InlineData("permessage-deflate; client_max_window_bits=7")]
    [InlineData("permessage-deflate; client_max_window_bits=16")]
    [InlineData("permessage-deflate; client_max_window_bits=1x")]
    [InlineData("permessage-deflate; server_no_context_takeover=1")] // takes no value
    [InlineData("permessage-deflate; client_no_context_takeover=true")]
    [InlineData("permessage-deflate; server_no_context_takeover; server_no_context_takeover")]
    [InlineData("permessage-deflate; client_no_context_takeover; client_no_context_takeover")]
    [InlineData("permessage-deflate; server_max_window_bits=10; server_max_window_bits=10")]
    [InlineData("permessage-deflate; client_max_window_bits; client_max_window_bits=9")]
    [InlineData("permessage-deflate; unknown_parameter")]
    [InlineData("permessage-deflate; client_max_window_bits=\"1\"5\"")] // broken quoted-string
    [InlineData("permessage-deflate; =15")]
    public void Offer_the_server_cannot_honour_is_declined(string header) =>
        Assert.Null(PerMessageDeflateNegotiation.Negotiate(header));

    [Fact]
    public void First_acceptable_of_several_offers_wins()
    {
        // Autobahn's case 13.7 offers three in order of preference; here the first is broken and is skipped.
        var agreed = PerMessageDeflateNegotiation.Negotiate(
            "permessage-deflate; server_max_window_bits=99, permessage-deflate; server_max_window_bits=9, permessage-deflate");

        Assert.Equal(9, agreed?.ServerMaxWindowBits);
    }

    [Fact]
    public void Offers_from_several_header_lines_joined_by_commas_are_all_considered()
    {
        var agreed = PerMessageDeflateNegotiation.Negotiate("x-webkit-deflate-frame, permessage-deflate; client_max_window_bits");

        Assert.Equal(Agreed, agreed?.ResponseHeaderValue);
    }

    [Fact]
    public void A_comma_inside_a_quoted_value_does_not_split_offers()
    {
        // The first element is one offer with an unknown quoted parameter: declined as a whole, the second wins.
        var agreed = PerMessageDeflateNegotiation.Negotiate(
            "permessage-deflate; x=\"a, permessage-deflate\", permessage-deflate; server_max_window_bits=12");

        Assert.Equal(12, agreed?.ServerMaxWindowBits);
    }

    [Theory]
    [InlineData(null, 1_000_000, true)]
    [InlineData(9, 512, true)]
    [InlineData(9, 513, false)]
    [InlineData(8, 256, true)]
    [InlineData(15, 32768, true)]
    [InlineData(15, 32769, false)]
    public void A_window_limit_admits_compressed_messages_no_longer_than_the_window(int? bits, long length, bool accepted) =>
        Assert.Equal(accepted, new PerMessageDeflate(bits).AcceptsCompressed(length));
}
