using BenchmarkDotNet.Attributes;
using GwSocket.Protocol;
using GwSocket.Protocol.Pipes;

namespace GwSocket.MicroBench;

/// <summary>Strict-mode pipe-in records: 64 whole records in one read, and one record cut in two reads.</summary>
[ShortJob]
public class StrictRecordDecodeBenchmarks
{
    private const int RecordsPerRead = 64;

    private readonly NoOpHandler _handler = new();
    private StrictRecordDecoder _decoder = null!;
    private byte[] _records = null!;
    private byte[] _oneRecord = null!;

    [Params(32, 1024, 65536)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _decoder = new StrictRecordDecoder(1 << 20);
        _oneRecord = StrictRecordEncoder.Message(7, Opcode.Binary, Payloads.Ascii(PayloadSize));
        _records = [.. Enumerable.Repeat(_oneRecord, RecordsPerRead).SelectMany(record => record)];
    }

    [GlobalCleanup]
    public void Cleanup() => _decoder.Dispose();

    [Benchmark(OperationsPerInvoke = RecordsPerRead)]
    public StrictDecodeResult WholeRecords() => _decoder.Decode(_records, _handler);

    [Benchmark]
    public StrictDecodeResult RecordCutInTwo()
    {
        var half = _oneRecord.Length / 2;
        _decoder.Decode(_oneRecord.AsSpan(0, half), _handler);
        return _decoder.Decode(_oneRecord.AsSpan(half), _handler);
    }
}
