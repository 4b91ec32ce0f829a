using BenchmarkDotNet.Attributes;
using GwSocket.Protocol;

namespace GwSocket.MicroBench;

/// <summary>The incremental validator on a whole message, ASCII and mixed text.</summary>
[ShortJob]
public class Utf8ValidationBenchmarks
{
    private byte[] _ascii = null!;
    private byte[] _mixed = null!;

    [Params(32, 1024, 65536)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ascii = Payloads.Ascii(PayloadSize);
        _mixed = Payloads.MixedUtf8(PayloadSize);
    }

    [Benchmark]
    public bool Ascii()
    {
        var validator = default(Utf8Validator);
        return validator.Append(_ascii) && validator.IsComplete;
    }

    [Benchmark]
    public bool Mixed()
    {
        var validator = default(Utf8Validator);
        return validator.Append(_mixed) && validator.IsComplete;
    }
}
