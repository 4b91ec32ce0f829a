using GwSocket.Actors.NetworkPipes;
using GwSocket.Protocol;

namespace GwSocket.Actors.Tests.NetworkPipes;

/// <summary>One producer's stream of messages: whole records out, in order, whatever the split; a bad record ends it.</summary>
public sealed class NetworkPipeDecoderTests
{
    // id 5, type 1 (text), length 2, "hi".
    private static readonly byte[] HiTo5 = [0, 0, 0, 5, 0, 0, 0, 1, 0, 0, 0, 2, (byte)'h', (byte)'i'];

    // id 0, type 2 (binary), length 1, 0xFF.
    private static readonly byte[] ByteToAll = [0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 0xFF];

    [Fact]
    public void Records_split_anywhere_across_messages_come_out_whole_and_in_order()
    {
        using var decoder = new NetworkPipeDecoder(strict: true, maxPayload: 1024, new NetworkPipeTotals());
        byte[] stream = [.. HiTo5, .. ByteToAll, .. HiTo5];

        decoder.Decode(stream[..5]);
        Assert.Empty(decoder.TakeDeliveries());
        Assert.True(decoder.InsideRecord);
        decoder.Decode(stream[5..20]);
        decoder.Decode(stream[20..]);

        var deliveries = decoder.TakeDeliveries();
        Assert.Equal([5u, 0u, 5u], deliveries.Select(d => d.ClientId));
        Assert.Equal(FrameEncoder.Encode(Opcode.Text, "hi"u8), deliveries[0].Frame);
        Assert.Equal(FrameEncoder.Encode(Opcode.Binary, [0xFF]), deliveries[1].Frame);
        Assert.False(decoder.InsideRecord);
        Assert.Null(decoder.Error);
    }

    [Fact]
    public void An_unknown_type_is_a_1008_with_the_header_in_hex_and_nothing_after_it_is_decoded()
    {
        using var decoder = new NetworkPipeDecoder(strict: true, maxPayload: 1024, new NetworkPipeTotals());

        decoder.Decode([.. HiTo5, 0, 0, 0, 5, 0, 0, 0, 9, 0, 0, 0, 0, .. HiTo5]);

        Assert.Equal([5u], decoder.TakeDeliveries().Select(d => d.ClientId));
        Assert.Equal(CloseCodes.PolicyViolation, decoder.Error!.CloseCode);
        Assert.Equal("000000050000000900000000", decoder.Error.HeaderHex);
        decoder.Decode(HiTo5);
        Assert.Empty(decoder.TakeDeliveries());
    }

    [Fact]
    public void A_length_above_the_limit_is_a_1008()
    {
        using var decoder = new NetworkPipeDecoder(strict: true, maxPayload: 1, new NetworkPipeTotals());

        decoder.Decode(HiTo5);

        Assert.Equal(CloseCodes.PolicyViolation, decoder.Error!.CloseCode);
    }

    [Fact]
    public void A_text_record_that_is_not_utf8_is_a_1007_and_a_binary_one_passes()
    {
        using var decoder = new NetworkPipeDecoder(strict: true, maxPayload: 1024, new NetworkPipeTotals());

        decoder.Decode([.. ByteToAll, 0, 0, 0, 7, 0, 0, 0, 1, 0, 0, 0, 2, 0xC3, 0x28]);

        Assert.Equal([0u], decoder.TakeDeliveries().Select(d => d.ClientId));
        Assert.Equal(CloseCodes.InvalidPayload, decoder.Error!.CloseCode);
        Assert.Equal("000000070000000100000002", decoder.Error.HeaderHex);
    }

    [Fact]
    public void Standard_mode_makes_each_message_one_text_message_to_everyone_carrying_a_cut_character()
    {
        using var decoder = new NetworkPipeDecoder(strict: false, maxPayload: 1024, new NetworkPipeTotals());

        decoder.Decode([(byte)'a', 0xC3]);
        decoder.Decode([0xA9, (byte)'b']);

        var deliveries = decoder.TakeDeliveries();
        Assert.Equal([0u, 0u], deliveries.Select(d => d.ClientId));
        Assert.Equal(FrameEncoder.Encode(Opcode.Text, "a"u8), deliveries[0].Frame);
        Assert.Equal(FrameEncoder.Encode(Opcode.Text, "éb"u8), deliveries[1].Frame);
        Assert.False(decoder.InsideRecord);
    }
}
