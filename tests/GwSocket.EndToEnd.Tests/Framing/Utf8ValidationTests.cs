using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Framing;

/// <summary>RFC 6455 sections 5.6 and 8.1: text must be UTF-8; an invalid byte fails the connection with 1007.</summary>
public sealed class Utf8ValidationTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private static readonly Dictionary<string, byte[]> InvalidSequences = new()
    {
        ["bad continuation byte"] = [0xC3, 0x28],
        ["0xFF, never in UTF-8"] = [0x41, 0xFF],
        ["overlong encoding of '/'"] = [0xC0, 0xAF],
        ["UTF-16 surrogate U+D800"] = [0xED, 0xA0, 0x80],
        ["above U+10FFFF"] = [0xF4, 0x90, 0x80, 0x80],
        ["message ends inside a sequence"] = [0x41, 0xCE],
    };

    public static TheoryData<string> InvalidSequenceNames() => new(InvalidSequences.Keys);

    [Theory]
    [MemberData(nameof(InvalidSequenceNames))]
    public async Task Invalid_text_is_closed_with_invalid_payload(string sequence)
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendFrameAsync(Opcode.Text, InvalidSequences[sequence]);

        await socket.ExpectCloseAsync(CloseCodes.InvalidPayload);
    }

    [Fact]
    public async Task Invalid_byte_inside_a_fragment_fails_before_the_message_ends()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        await socket.SendBytesAsync([0x01, 0x83, 0x00, 0x00, 0x00, 0x00, 0x41, 0xFF, 0x41]); // FIN:0 op:text MASK:1 LEN:3 key:00000000 "A\xFFA"

        await socket.ExpectCloseAsync(CloseCodes.InvalidPayload);
    }

    [Fact]
    public async Task Sequence_made_invalid_by_the_next_fragment_fails_at_that_fragment()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        // "κ" is CE BA; the first fragment ends on CE, a valid start, the second continues it with 28 '('.
        await socket.SendBytesAsync([0x01, 0x82, 0x00, 0x00, 0x00, 0x00, 0x41, 0xCE]); // FIN:0 op:text MASK:1 LEN:2 key:00000000 "A\xCE"
        await socket.SendBytesAsync([0x00, 0x82, 0x00, 0x00, 0x00, 0x00, 0x28, 0x41]); // FIN:0 op:continuation MASK:1 LEN:2 key:00000000 "(A"

        await socket.ExpectCloseAsync(CloseCodes.InvalidPayload);
    }

    [Fact]
    public async Task Character_split_across_fragments_is_accepted()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        // "κό" is CE BA CF 8C: the first fragment ends inside "κ", the second inside "ό".
        await socket.SendBytesAsync([0x01, 0x81, 0x00, 0x00, 0x00, 0x00, 0xCE]); // FIN:0 op:text MASK:1 LEN:1 key:00000000
        await socket.SendBytesAsync([0x00, 0x82, 0x00, 0x00, 0x00, 0x00, 0xBA, 0xCF]); // FIN:0 op:continuation MASK:1 LEN:2 key:00000000
        await socket.SendBytesAsync([0x80, 0x81, 0x00, 0x00, 0x00, 0x00, 0x8C]); // FIN:1 op:continuation MASK:1 LEN:1 key:00000000

        var (type, payload) = await socket.ReceiveMessageAsync();
        Assert.Equal(Opcode.Text, type);
        Assert.Equal("κό", System.Text.Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public async Task Close_reason_with_invalid_utf8_is_closed_with_invalid_payload()
    {
        await using var socket = await RawWebSocket.ConnectAsync(fixture.Port);

        // FIN:1 op:close MASK:1 LEN:4 key:00000000 code:1000 (03 E8) reason:"\xC3\x28"
        await socket.SendBytesAsync([0x88, 0x84, 0x00, 0x00, 0x00, 0x00, 0x03, 0xE8, 0xC3, 0x28]);

        await socket.ExpectCloseAsync(CloseCodes.InvalidPayload);
    }
}
