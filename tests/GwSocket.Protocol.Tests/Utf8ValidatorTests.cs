using System.Text;
using GwSocket.Protocol;

namespace GwSocket.Protocol.Tests;

/// <summary>Incremental UTF-8 validation (Unicode table 3-7), fed in pieces.</summary>
public sealed class Utf8ValidatorTests
{
    public static TheoryData<string> ValidTexts() =>
        ["", "plain ascii", "héllo", "€uro", "😀 and 𝄞", "\u0000\u007F\u0080\u07FF\u0800\uFFFF", "\U00010000\U0010FFFF", "ﬀ\uD7FF\uE000"];

    [Theory]
    [MemberData(nameof(ValidTexts))]
    public void Valid_text_is_valid_at_every_split(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var validator = new Utf8Validator();

            Assert.True(validator.Append(bytes.AsSpan(0, cut)));
            Assert.True(validator.Append(bytes.AsSpan(cut)));
            Assert.True(validator.IsComplete);
        }
    }

    [Theory]
    [MemberData(nameof(ValidTexts))]
    public void Valid_text_is_valid_one_byte_at_a_time(string text)
    {
        var validator = new Utf8Validator();

        foreach (var b in Encoding.UTF8.GetBytes(text))
            Assert.True(validator.Append([b]));

        Assert.True(validator.IsComplete);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x80 })]             // overlong NUL
    [InlineData(new byte[] { 0xC1, 0xBF })]             // overlong
    [InlineData(new byte[] { 0xE0, 0x80, 0x80 })]       // overlong 3-byte
    [InlineData(new byte[] { 0xE0, 0x9F, 0xBF })]       // overlong 3-byte
    [InlineData(new byte[] { 0xF0, 0x8F, 0xBF, 0xBF })] // overlong 4-byte
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]       // surrogate U+D800
    [InlineData(new byte[] { 0xED, 0xBF, 0xBF })]       // surrogate U+DFFF
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // U+110000
    [InlineData(new byte[] { 0xF5, 0x80, 0x80, 0x80 })] // lead byte above F4
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0x80 })]                   // lone continuation
    [InlineData(new byte[] { 0xC2, 0x41 })]             // lead then ASCII
    [InlineData(new byte[] { 0xE2, 0x82, 0x41 })]       // two of three then ASCII
    [InlineData(new byte[] { 0xC2, 0x80, 0x80 })]       // one continuation too many
    public void Invalid_sequence_fails_at_every_split(byte[] bytes)
    {
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var validator = new Utf8Validator();

            var valid = validator.Append(bytes.AsSpan(0, cut)) && validator.Append(bytes.AsSpan(cut));

            Assert.False(valid, $"split at {cut}");
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xE0, 0x80 })]       // cannot become anything but an overlong
    [InlineData(new byte[] { 0xED, 0xA0 })]       // cannot become anything but a surrogate
    [InlineData(new byte[] { 0xF4, 0x90 })]       // cannot stay below U+110000
    [InlineData(new byte[] { 0x41, 0xC0 })]       // 0xC0 never leads
    [InlineData(new byte[] { 0xE2, 0x28 })]       // second byte is not a continuation
    public void Prefix_that_cannot_complete_fails_at_once(byte[] bytes)
    {
        var validator = new Utf8Validator();

        Assert.False(validator.Append(bytes));
    }

    [Theory]
    [InlineData(new byte[] { 0xC2 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98 })]
    public void Truncated_sequence_is_accepted_but_incomplete(byte[] bytes)
    {
        var validator = new Utf8Validator();

        Assert.True(validator.Append(bytes));
        Assert.False(validator.IsComplete);
    }

    [Fact]
    public void Reset_forgets_an_open_sequence()
    {
        var validator = new Utf8Validator();
        Assert.True(validator.Append([0xE2]));

        validator.Reset();

        Assert.True(validator.IsComplete);
        Assert.True(validator.Append("a"u8));
        Assert.True(validator.IsComplete);
    }
}
