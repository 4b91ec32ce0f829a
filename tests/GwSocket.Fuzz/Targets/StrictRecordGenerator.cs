using GwSocket.Protocol.Pipes;

namespace GwSocket.Fuzz.Targets;

/// <summary>Strict-mode record streams: mostly well-formed, with ids, types and declared lengths at their edges.</summary>
internal static class StrictRecordGenerator
{
    private static readonly uint[] Ids = [0, 1, 2, 0x003FFFFF, 0x00400001, uint.MaxValue];
    private static readonly uint[] BadTypes = [0, 3, 0x08, 0x10, uint.MaxValue];
    private static readonly uint[] HugeLengths = [1025, 4097, 65536, int.MaxValue, (uint)int.MaxValue + 1, uint.MaxValue];

    public static byte[] Stream(Random random)
    {
        var stream = new MemoryStream();
        var records = 1 + random.Next(8);
        for (var i = 0; i < records; i++)
            stream.Write(Record(random));
        return stream.ToArray();
    }

    private static uint Type(Random random) => random.Next(30) == 0 ? BadTypes[random.Next(BadTypes.Length)] : (uint)random.Next(1, 3);

    private static byte[] Record(Random random)
    {
        var payload = new byte[random.Next(3) == 0 ? random.Next(1100) : random.Next(20)];
        random.NextBytes(payload);
        var declared = random.Next(30) == 0 ? HugeLengths[random.Next(HugeLengths.Length)] : (uint)payload.Length;
        var header = new StrictRecordHeader(Ids[random.Next(Ids.Length)], (StrictRecordType)Type(random), declared);
        var record = new byte[StrictRecordHeader.Size + payload.Length];
        header.Write(record);
        payload.CopyTo(record, StrictRecordHeader.Size);
        return record;
    }
}
