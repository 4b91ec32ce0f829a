using BenchmarkDotNet.Attributes;
using GwSocket.Protocol;

namespace GwSocket.MicroBench;

/// <summary>
/// A server frame: into a caller's buffer (the per-frame cost, nothing allocated), and as a new array
/// (what pipe-in does once per record, shared by every recipient).
/// </summary>
[ShortJob]
public class FrameEncodeBenchmarks
{
    private byte[] _payload = null!;
    private byte[] _destination = null!;

    [Params(32, 1024, 65536)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = Payloads.Ascii(PayloadSize);
        _destination = new byte[FrameEncoder.HeaderSize(PayloadSize) + PayloadSize];
    }

    [Benchmark]
    public int EncodeInto() => FrameEncoder.Encode(_destination, Opcode.Binary, _payload);

    [Benchmark]
    public byte[] EncodeToNewArray() => FrameEncoder.Encode(Opcode.Binary, _payload);
}
