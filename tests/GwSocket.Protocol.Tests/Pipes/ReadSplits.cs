namespace GwSocket.Protocol.Tests.Pipes;

internal static class ReadSplits
{
    /// <summary>The reads that cut <paramref name="stream"/> at <paramref name="cuts"/> (taken modulo its length, in order); empty reads included.</summary>
    public static IEnumerable<byte[]> Cut(byte[] stream, int[] cuts)
    {
        var offset = 0;
        foreach (var cut in cuts.Select(c => stream.Length == 0 ? 0 : c % stream.Length).Order())
        {
            yield return stream[offset..cut];
            offset = cut;
        }
        yield return stream[offset..];
    }
}
