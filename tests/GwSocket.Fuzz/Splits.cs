namespace GwSocket.Fuzz;

/// <summary>Random cuts of a byte stream into consecutive reads, as a socket or a pipe may deliver it.</summary>
public static class Splits
{
    public static IEnumerable<ReadOnlyMemory<byte>> Random(byte[] input, Random random)
    {
        var offset = 0;
        // Mostly tiny reads (they find the most boundary bugs), sometimes large ones.
        while (offset < input.Length)
        {
            var length = random.Next(4) == 0 ? random.Next(1, input.Length + 1) : random.Next(1, 4);
            length = Math.Min(length, input.Length - offset);
            yield return input.AsMemory(offset, length);
            offset += length;
        }
    }
}
