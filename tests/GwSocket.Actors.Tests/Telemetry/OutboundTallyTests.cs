using GwSocket.Actors.Telemetry;
using GwSocket.Protocol;
using Xunit;

namespace GwSocket.Actors.Tests.Telemetry;

public sealed class OutboundTallyTests
{
    [Fact]
    public void Frames_are_counted_by_their_opcode_with_their_whole_length()
    {
        var tally = new OutboundTally();

        tally.FrameOut(FrameEncoder.Encode(Opcode.Text, "hello"u8));
        tally.FrameOut(FrameEncoder.Encode(Opcode.Binary, new byte[300]));
        tally.FrameOut(FrameEncoder.Encode(Opcode.Binary, new byte[1]));

        Assert.Equal(new OutboundTotals(1, 2, 7, 304 + 3, 0), default(OutboundTotals).Add(tally));
    }

    [Fact]
    public void A_retired_tally_keeps_its_totals_and_drops_its_queued_bytes()
    {
        var tallies = new OutboundTallies();
        var tally = tallies.Register();
        tally.FrameOut(FrameEncoder.Encode(Opcode.Text, "hello"u8));
        tally.QueuedBytes = 1L << 40;
        Assert.Equal(new OutboundTotals(1, 0, 7, 0, 1L << 40), tallies.Sum());

        tallies.Retire(tally);

        Assert.Equal(new OutboundTotals(1, 0, 7, 0, 0), tallies.Sum());
    }

    [Fact]
    public void A_change_published_after_a_sum_is_in_the_next_sum()
    {
        var tallies = new OutboundTallies();
        var tally = tallies.Register();
        Assert.Equal(default, tallies.Sum());

        tally.FrameOut(FrameEncoder.Encode(Opcode.Text, "hello"u8));
        tally.QueuedBytes = 7;
        tally.Publish();

        Assert.Equal(new OutboundTotals(1, 0, 7, 0, 7), tallies.Sum());
        Assert.Equal(new OutboundTotals(1, 0, 7, 0, 7), tallies.Sum());
    }
}
