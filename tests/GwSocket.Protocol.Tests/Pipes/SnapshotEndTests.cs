using GwSocket.Protocol.Pipes;

namespace GwSocket.Protocol.Tests.Pipes;

/// <summary>The text message that ends a network pipe watcher's snapshot names the node's mode; nothing else is taken for it.</summary>
public sealed class SnapshotEndTests
{
    [Theory]
    [InlineData(true, "snapshot-end strict")]
    [InlineData(false, "snapshot-end standard")]
    public void The_marker_names_the_mode(bool strict, string text)
    {
        Assert.Equal(text, SnapshotEnd.Format(strict));
        Assert.True(SnapshotEnd.TryParse(text, out var parsed));
        Assert.Equal(strict, parsed);
    }

    [Theory]
    [InlineData("1024")]
    [InlineData("snapshot-end")]
    [InlineData("snapshot-end strict ")]
    public void Anything_else_is_not_the_marker(string text) => Assert.False(SnapshotEnd.TryParse(text, out _));
}
