namespace GwSocket.Fuzz;

/// <summary>An order-sensitive 64-bit summary of decoded events (FNV-1a), built without allocating.</summary>
public struct Digest
{
    private const ulong Prime = 1099511628211;
    private ulong _value = 14695981039346656037;

    public Digest()
    {
    }

    public readonly ulong Value => _value;

    public int Events { get; private set; }

    public void Add(long number)
    {
        for (var i = 0; i < 8; i++)
            Mix((byte)(number >> (8 * i)));
    }

    public void Add(ReadOnlySpan<byte> bytes)
    {
        Add(bytes.Length);
        foreach (var b in bytes)
            Mix(b);
    }

    public void Add(string text)
    {
        Add(text.Length);
        foreach (var c in text)
            Add(c);
    }

    public void EndEvent() => Events++;

    private void Mix(byte b) => _value = (_value ^ b) * Prime;
}
