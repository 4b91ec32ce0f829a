using BenchmarkDotNet.Attributes;
using GwSocket.Protocol;

namespace GwSocket.MicroBench;

/// <summary>Unmasking a payload in place, from an aligned and from an unaligned mask offset.</summary>
[ShortJob]
public class MaskingBenchmarks
{
    private byte[] _payload = null!;

    [Params(32, 1024, 65536)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup() => _payload = Payloads.Ascii(PayloadSize);

    [Benchmark]
    public int Unmask() => Masking.Apply(_payload, _payload, Payloads.Mask, 0);

    [Benchmark]
    public int UnmaskFromOffset3() => Masking.Apply(_payload, _payload, Payloads.Mask, 3);
}
