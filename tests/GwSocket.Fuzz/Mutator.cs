namespace GwSocket.Fuzz;

/// <summary>Byte-level mutations of corpus inputs: flips, interesting values, cuts, copies and splices.</summary>
public static class Mutator
{
    private const int MaxLength = 64 * 1024;

    /// <summary>Values at the edges of the formats' fields: length markers, sign bits, all-ones.</summary>
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7D, 0x7E, 0x7F, 0x80, 0x81, 0x88, 0x89, 0x8A, 0xFE, 0xFF, (byte)'\r', (byte)'\n', (byte)':', (byte)','];

    public static byte[] Mutate(byte[] seed, IReadOnlyList<byte[]> corpus, Random random)
    {
        var bytes = new List<byte>(seed);
        var rounds = 1 + random.Next(4);
        for (var round = 0; round < rounds; round++)
            MutateOnce(bytes, corpus, random);
        return [.. bytes.Take(MaxLength)];
    }

    private static void MutateOnce(List<byte> bytes, IReadOnlyList<byte[]> corpus, Random random)
    {
        if (bytes.Count == 0)
        {
            bytes.Add(Interesting[random.Next(Interesting.Length)]);
            return;
        }
        var at = random.Next(bytes.Count);
        switch (random.Next(8))
        {
            case 0:
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                bytes[at] = Interesting[random.Next(Interesting.Length)];
                break;
            case 2:
                bytes[at] = (byte)random.Next(256);
                break;
            case 3:
                bytes.RemoveRange(at, random.Next(1, Math.Min(16, bytes.Count - at) + 1));
                break;
            case 4:
                bytes.InsertRange(at, RandomBytes(random, random.Next(1, 16)));
                break;
            case 5:
                var length = random.Next(1, Math.Min(64, bytes.Count - at) + 1);
                bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(at, length));
                break;
            case 6:
                var other = corpus[random.Next(corpus.Count)];
                bytes.InsertRange(at, other.Take(random.Next(other.Length + 1)));
                break;
            default:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
        }
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
