using System.Text;
using GwSocket.Protocol.Pipes;

namespace GwSocket.Protocol.Tests.Pipes;

/// <summary>Standard mode: one text message per read, split UTF-8 carried over, invalid bytes replaced and counted.</summary>
public sealed class StandardTextDecoderTests
{
    private static readonly byte[] Replacement = [0xEF, 0xBF, 0xBD];

    [Fact]
    public void Valid_chunk_becomes_the_same_bytes()
    {
        var decoder = new StandardTextDecoder();

        Assert.Equal("line 1\n"u8.ToArray(), decoder.Decode("line 1\n"u8));
        Assert.Equal(0, decoder.Replacements);
    }

    [Fact]
    public void Sequence_split_between_reads_is_carried_to_the_next_message()
    {
        var decoder = new StandardTextDecoder();
        var euro = "€"u8.ToArray(); // E2 82 AC

        var first = decoder.Decode([(byte)'a', euro[0], euro[1]]);
        var second = decoder.Decode([euro[2], (byte)'b']);

        Assert.Equal("a"u8.ToArray(), first);
        Assert.Equal("€b", Encoding.UTF8.GetString(second!));
        Assert.Equal(0, decoder.Replacements);
    }

    [Fact]
    public void Chunk_holding_only_the_start_of_a_sequence_makes_no_message_yet()
    {
        var decoder = new StandardTextDecoder();

        Assert.Null(decoder.Decode([0xF0, 0x9F]));
        Assert.Null(decoder.Decode([0x98]));
        Assert.Equal("😀", Encoding.UTF8.GetString(decoder.Decode([0x80])!));
    }

    [Fact]
    public void Invalid_bytes_are_replaced_by_U_FFFD_and_counted()
    {
        var decoder = new StandardTextDecoder();

        var text = decoder.Decode([(byte)'a', 0xFF, (byte)'b', 0xC0, 0xAF, (byte)'c']);

        Assert.NotNull(text);
        Assert.Equal([(byte)'a', .. Replacement, (byte)'b', .. Replacement, .. Replacement, (byte)'c'], text);
        Assert.Equal(3, decoder.Replacements);
    }

    [Fact]
    public void Dangling_sequence_start_at_the_end_of_the_stream_is_flushed_as_U_FFFD()
    {
        var decoder = new StandardTextDecoder();
        decoder.Decode([(byte)'x', 0xE2, 0x82]);

        Assert.Equal(Replacement, decoder.Flush());
        Assert.Equal(1, decoder.Replacements);
        Assert.Null(decoder.Flush());
    }

    [Fact]
    public void Flush_with_nothing_carried_makes_no_message()
    {
        var decoder = new StandardTextDecoder();
        decoder.Decode("done"u8);

        Assert.Null(decoder.Flush());
        Assert.Equal(0, decoder.Replacements);
    }
}
