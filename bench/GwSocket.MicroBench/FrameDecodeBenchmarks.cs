using BenchmarkDotNet.Attributes;
using GwSocket.Protocol;

namespace GwSocket.MicroBench;

/// <summary>A masked client frame through the incremental decoder (unmasking included; text adds UTF-8 validation).</summary>
[ShortJob]
public class FrameDecodeBenchmarks
{
    private readonly NoOpHandler _handler = new();
    private MessageReader _reader = null!;
    private byte[] _binaryFrame = null!;
    private byte[] _textFrame = null!;

    [Params(32, 1024, 65536)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _reader = new MessageReader(1 << 20);
        _binaryFrame = FrameEncoder.EncodeMasked(Opcode.Binary, Payloads.Ascii(PayloadSize), Payloads.Mask);
        _textFrame = FrameEncoder.EncodeMasked(Opcode.Text, Payloads.Ascii(PayloadSize), Payloads.Mask);
    }

    [GlobalCleanup]
    public void Cleanup() => _reader.Dispose();

    [Benchmark]
    public ReadResult DecodeBinary() => _reader.Read(_binaryFrame, _handler);

    [Benchmark]
    public ReadResult DecodeText() => _reader.Read(_textFrame, _handler);
}
