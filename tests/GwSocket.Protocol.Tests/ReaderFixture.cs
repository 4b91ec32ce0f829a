using GwSocket.Protocol;

namespace GwSocket.Protocol.Tests;

/// <summary>A <see cref="MessageReader"/> wired to a <see cref="RecordingHandler"/>: what one connection sees.</summary>
internal sealed class ReaderFixture : IDisposable
{
    public const long DefaultLimit = 1 << 20;

    private readonly MessageReader _reader;
    private readonly RecordingHandler _handler = new();

    public ReaderFixture(long limit = DefaultLimit, bool perMessageDeflate = false) =>
        _reader = new MessageReader(limit, perMessageDeflate);

    public IReadOnlyList<Received> Events => _handler.Events;

    public bool CloseReceived => _reader.CloseReceived;

    /// <summary>Feeds each array as one read; returns the result of the last one.</summary>
    public ReadResult Feed(params byte[][] reads)
    {
        var result = ReadResult.Ok;
        foreach (var read in reads)
            result = _reader.Read(read, _handler);
        return result;
    }

    /// <summary>
    /// Feeds <paramref name="stream"/> in reads whose sizes cycle through <paramref name="readSizes"/>,
    /// stopping at the first failure.
    /// </summary>
    public ReadResult FeedInReads(byte[] stream, params int[] readSizes)
    {
        var result = ReadResult.Ok;
        for (int offset = 0, i = 0; offset < stream.Length && !result.Failed; i++)
        {
            var size = Math.Min(readSizes[i % readSizes.Length], stream.Length - offset);
            result = _reader.Read(stream.AsSpan(offset, size), _handler);
            offset += size;
        }
        return result;
    }

    public static void AssertOk(ReadResult result) =>
        Assert.False(result.Failed, $"unexpected failure {result.CloseCode}: {result.Error}");

    public static void AssertFails(ushort expectedCode, ReadResult result)
    {
        Assert.True(result.Failed, $"expected close {expectedCode}, got no failure");
        Assert.Equal(expectedCode, result.CloseCode);
        Assert.False(string.IsNullOrEmpty(result.Error));
    }

    public void Dispose() => _reader.Dispose();
}
