using GwSocket.Actors.Routing;
using GwSocket.Actors.Tests.Transport;
using GwSocket.Protocol;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Connections;

/// <summary>A client that breaks the protocol gets exactly one close frame with the rule's code, then the connection ends.</summary>
public sealed class ProtocolFailureTests(ITestOutputHelper output) : ConnectionActorTestKit(output)
{
    public static TheoryData<string, byte[], ushort> Violations => new()
    {
        // FIN:1 op:text MASK:0 LEN:5 "Hello"
        { "unmasked frame", [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F], CloseCodes.ProtocolError },
        // FIN:1 RSV1:1 op:text MASK:1 LEN:0 key:00000000
        { "reserved bit set", [0xC1, 0x80, 0x00, 0x00, 0x00, 0x00], CloseCodes.ProtocolError },
        // FIN:1 op:0x3 (reserved) MASK:1 LEN:0 key:00000000
        { "reserved opcode", [0x83, 0x80, 0x00, 0x00, 0x00, 0x00], CloseCodes.ProtocolError },
        // FIN:1 op:continuation MASK:1 LEN:0 key:00000000, with no message to continue
        { "continuation of nothing", [0x80, 0x80, 0x00, 0x00, 0x00, 0x00], CloseCodes.ProtocolError },
        // FIN:1 op:close MASK:1 LEN:2 key:00000000 code:999
        { "invalid close code", [0x88, 0x82, 0x00, 0x00, 0x00, 0x00, 0x03, 0xE7], CloseCodes.ProtocolError },
        // FIN:1 op:text MASK:1 LEN:2 key:00000000 bytes:C3 28 (a lead byte followed by a non-continuation)
        { "invalid UTF-8 text", [0x81, 0x82, 0x00, 0x00, 0x00, 0x00, 0xC3, 0x28], CloseCodes.InvalidPayload },
        // FIN:1 op:binary MASK:1 LEN:126+16bit 0x0800 (2048 bytes, over the 1024-byte limit), payload never sent
        { "frame over the size limit", [0x82, 0xFE, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00], CloseCodes.MessageTooBig },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Violation_gets_one_close_frame_with_its_code_then_the_connection_ends(string violation, byte[] clientBytes, ushort expectedCode)
    {
        var connection = await ConnectAsync(Quiet with { MaxMessageSize = 1024 });

        await connection.SendAsync(clientBytes);

        await ExpectFinishedAsync(connection);
        var written = connection.Transport.Writes.SelectMany(write => write).ToArray();
        var close = Assert.Single(ServerFrame.ParseAll(written));
        Assert.Equal(Opcode.Close, close.Opcode);
        Assert.False(close.Masked);
        Assert.True(expectedCode == close.CloseCode, $"{violation}: expected close {expectedCode}, got {close.CloseCode}");
        // Nothing of the bad frame reached the router: only the connection's stop.
        Assert.Equal(connection.Actor, (await connection.Router.ExpectMsgAsync<ConnectionStopped>(Patience)).Connection);
        connection.Router.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public async Task Failed_connection_ends_after_the_close_timeout_when_its_close_frame_cannot_be_written()
    {
        var transport = new InMemoryTransport();
        var connection = await ConnectAsync(Quiet with { CloseTimeout = TimeSpan.FromMilliseconds(300) }, transport);
        transport.HoldWrites();

        // FIN:1 op:text MASK:0 LEN:2 "hi"
        await connection.SendAsync([0x81, 0x02, 0x68, 0x69]);

        await ExpectFinishedAsync(connection);
        var close = Assert.Single(ServerFrame.ParseAll(Assert.Single(transport.Writes)));
        Assert.Equal(CloseCodes.ProtocolError, close.CloseCode);
    }
}
